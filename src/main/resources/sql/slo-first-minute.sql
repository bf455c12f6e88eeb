-- SloStore: the first minute any instance was seen (availability counts from there)
SELECT min(minute) FROM slo_minute WHERE slo = 'availability'
