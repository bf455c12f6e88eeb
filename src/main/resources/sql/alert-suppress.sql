-- raises the pipeline did not notify (inside the de-duplication window, or the alert was acknowledged/resolved)
UPDATE alert SET suppressed = suppressed + ? WHERE id = ?
