-- wrk script: every request is a new signed Twilio call start (POST /twilio/voice with a fresh CallSid), the way
-- Twilio sends it: form-encoded fields and X-Twilio-Signature = Base64(HMAC-SHA1(auth token, URL + sorted k..v)).
-- usage: wrk -t2 -c32 -d10s --latency -s scripts/load/callstart.lua http://127.0.0.1:8080/twilio/voice -- TOKEN [SIGNED_URL]
-- SIGNED_URL is the URL Bella rebuilds (its BELLA_PUBLIC_URL + /twilio/voice); default: the URL wrk calls.
local bit = require("bit")
local band, bor, bxor, bnot, rol, tobit = bit.band, bit.bor, bit.bxor, bit.bnot, bit.rol, bit.tobit

local function u32be(n)
  return string.char(band(bit.rshift(n, 24), 255), band(bit.rshift(n, 16), 255), band(bit.rshift(n, 8), 255), band(n, 255))
end

local function sha1(msg)
  local h0, h1, h2, h3, h4 = tobit(0x67452301), tobit(0xEFCDAB89), tobit(0x98BADCFE), tobit(0x10325476), tobit(0xC3D2E1F0)
  local ml = #msg * 8
  msg = msg .. "\128" .. string.rep("\0", (55 - #msg) % 64) .. u32be(math.floor(ml / 4294967296)) .. u32be(ml % 4294967296)
  local w = {}
  for chunk = 1, #msg, 64 do
    for i = 0, 15 do
      local a, b, c, d = msg:byte(chunk + i * 4, chunk + i * 4 + 3)
      w[i] = bor(bit.lshift(a, 24), bit.lshift(b, 16), bit.lshift(c, 8), d)
    end
    for i = 16, 79 do
      w[i] = rol(bxor(w[i - 3], w[i - 8], w[i - 14], w[i - 16]), 1)
    end
    local a, b, c, d, e = h0, h1, h2, h3, h4
    for i = 0, 79 do
      local f, k
      if i < 20 then f, k = bor(band(b, c), band(bnot(b), d)), 0x5A827999
      elseif i < 40 then f, k = bxor(b, c, d), 0x6ED9EBA1
      elseif i < 60 then f, k = bor(band(b, c), band(b, d), band(c, d)), 0x8F1BBCDC
      else f, k = bxor(b, c, d), 0xCA62C1D6 end
      local temp = tobit(rol(a, 5) + f + e + k + w[i])
      e, d, c, b, a = d, c, rol(b, 30), a, temp
    end
    h0, h1, h2, h3, h4 = tobit(h0 + a), tobit(h1 + b), tobit(h2 + c), tobit(h3 + d), tobit(h4 + e)
  end
  return u32be(h0) .. u32be(h1) .. u32be(h2) .. u32be(h3) .. u32be(h4)
end

local function hmac_sha1(key, msg)
  if #key > 64 then key = sha1(key) end
  key = key .. string.rep("\0", 64 - #key)
  local ipad = key:gsub(".", function(ch) return string.char(bxor(ch:byte(), 0x36)) end)
  local opad = key:gsub(".", function(ch) return string.char(bxor(ch:byte(), 0x5c)) end)
  return sha1(opad .. sha1(ipad .. msg))
end

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local c1, c2, c3, c4 = math.floor(n / 262144) % 64, math.floor(n / 4096) % 64, math.floor(n / 64) % 64, n % 64
    out[#out + 1] = B64:sub(c1 + 1, c1 + 1) .. B64:sub(c2 + 1, c2 + 1)
      .. (b and B64:sub(c3 + 1, c3 + 1) or "=") .. (c and B64:sub(c4 + 1, c4 + 1) or "=")
  end
  return table.concat(out)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(ch) return string.format("%%%02X", ch:byte()) end))
end

local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local token, signed_url, counter, prefix
function init(args)
  token = args[1] or "load-test-token"
  signed_url = args[2] or (wrk.scheme .. "://" .. wrk.host .. ":" .. wrk.port .. wrk.path)
  counter = 0
  math.randomseed(os.time() * 1000 + (tid or 0))
  prefix = string.format("%08x%04x", math.random(0, 0x7fffffff), (tid or 0) % 65536)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["User-Agent"] = "TwilioProxy/1.1"
end

function request()
  counter = counter + 1
  local sid = string.format("CA%s%020x", prefix, counter)
  local caller = string.format("+1416%03d%04d", 200 + (counter % 800), counter % 10000)
  local params = {
    AccountSid = "AC" .. string.rep("0", 32), ApiVersion = "2010-04-01", CallSid = sid, CallStatus = "ringing",
    Called = "+15875550100", Caller = caller, Direction = "inbound", From = caller, To = "+15875550100",
  }
  local keys = {}
  for k in pairs(params) do keys[#keys + 1] = k end
  table.sort(keys)
  local data, body = { signed_url }, {}
  for _, k in ipairs(keys) do
    data[#data + 1] = k .. params[k]
    body[#body + 1] = k .. "=" .. urlencode(params[k])
  end
  local headers = {}   -- wrk.format uses this table instead of wrk.headers, so copy them
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["X-Twilio-Signature"] = base64(hmac_sha1(token, table.concat(data)))
  return wrk.format(nil, nil, headers, table.concat(body, "&"))
end

local bad = 0
function response(status, headers, body)
  if status ~= 200 or not body:find("<Response", 1, true) then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("callstart: %d requests, %.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, non-200 %d, socket errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

-- for checking the signer against known vectors
callstart = { sha1 = sha1, hmac_sha1 = hmac_sha1, base64 = base64 }
