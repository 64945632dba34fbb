-- wrk script: POST a feedback submission with a fresh client-made UUID each time.
-- Usage: TOKEN=... SERVICE=... wrk -t2 -c64 -d10s --latency -s bench/submit.lua http://127.0.0.1:PORT
local token = os.getenv("TOKEN")
local service = os.getenv("SERVICE")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

local function uuid4()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (t:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

request = function()
  local body = string.format(
    '{"id":"%s","service_id":"%s","answers":{"safe":4,"nurtured":5,"involved":3,"healthy":4,"achieving":4},' ..
    '"tell_us_more":"Staff listen to me and we do movie night on Fridays. I like my room and the food is good most days.",' ..
    '"make_better":"More say in what we have for tea and more trips at the weekend.","named":false,"wants_talk":false}',
    uuid4(), service)
  return wrk.format("POST", "/api/v1/feedback", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end
