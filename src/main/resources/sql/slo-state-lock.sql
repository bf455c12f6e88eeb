-- SloEngine: an SLO's breach state, locked while this instance decides whether it flips (? = slo, now)
INSERT INTO slo_state (slo, state, since) VALUES (?, 'ok', ?) ON CONFLICT (slo) DO NOTHING
