-- wrk script: each request is the next path of the workload file (WORKLOAD), each thread
-- starting at its own offset, so the server meets the long tail, not one query repeated.
local paths = {}
for line in io.lines(os.getenv("WORKLOAD") or "bench/search-workload.txt") do
  if #line > 0 then paths[#paths + 1] = line end
end
local threads = 0
function setup(thread)
  thread:set("offset", threads * 397)
  threads = threads + 1
end
local i = 0
function init(args)
  i = tonumber(offset) or 0
end
-- Staff pages: COOKIE is the session cookie ("esv_sessao=…") of the account to act as.
local headers = {}
local cookie = os.getenv("COOKIE") or ""
if #cookie > 0 then headers["Cookie"] = cookie end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end
