-- wrk script of bench/run.py: reports each run as one JSON line, and posts a
-- rating form when BENCH_BODY is set (with a same-site Origin, as a browser).
local body = os.getenv("BENCH_BODY")
if body then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
  wrk.headers["Accept"] = "application/json"
end

-- Every rating from its own browser: without a cookie, answers that are the
-- same from one address and user agent within seconds are one double click
-- (feedback/views.py) and rightly kept as one row.
-- Each wrk thread has its own Lua state (and the same random seed): number
-- them; BENCH_RUN tells one wrk run (the warm-up) from the next.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local counter = 0
local run = os.getenv("BENCH_RUN") or "0"
if body then
  request = function()
    counter = counter + 1
    wrk.headers["User-Agent"] = string.format("bench/%s-%s-%d", run, thread_number or "0", counter)
    return wrk.format()
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "status_errors": %d, "connect_errors": %d, '
      .. '"read_errors": %d, "write_errors": %d, "timeouts": %d, '
      .. '"p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, errors.status, errors.connect,
    errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
