#!/usr/bin/env python3
"""The baseline of scripts/bench-logs: a minimal CloudWatch Logs client with no SDK (urllib, JSON 1.1, a fake
SigV4-style Authorization header that moto accepts), and the seeding of the benchmark's events.

  bench_logs_raw.py seed URL GROUP COUNT   create GROUP with COUNT events over the last 50 minutes (4 streams)
  bench_logs_raw.py tail URL GROUP SINCE_S  print every event of the last SINCE_S seconds, as `o11y logs tail`
                                            prints them (time, stream, message), following every page
"""
import json
import sys
import time
import urllib.request
from datetime import datetime, timezone

AUTH = ("AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261125/us-east-1/logs/aws4_request, "
        "SignedHeaders=host, Signature=0")


def call(url, op, body):
    req = urllib.request.Request(url + "/", data=json.dumps(body).encode(), headers={
        "X-Amz-Target": "Logs_20140328." + op,
        "Content-Type": "application/x-amz-json-1.1",
        "Authorization": AUTH,
    })
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def seed(url, group, count):
    call(url, "CreateLogGroup", {"logGroupName": group})
    now = int(time.time() * 1000)
    start = now - 50 * 60 * 1000
    streams = 4
    per = count // streams
    step = max(1, (49 * 60 * 1000) // per)
    levels = ["INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"]
    for s in range(streams):
        stream = "backend-flask/%d" % s
        call(url, "CreateLogStream", {"logGroupName": group, "logStreamName": stream})
        events = [{"timestamp": start + i * step + s,
                   "message": "%s request %d handled GET /api/activities/home 200 in %d ms user=u%d"
                              % (levels[i % len(levels)], i, i % 300, i % 97)}
                  for i in range(per)]
        for k in range(0, len(events), 10000):
            call(url, "PutLogEvents", {"logGroupName": group, "logStreamName": stream,
                                       "logEvents": events[k:k + 10000]})


def tail(url, group, since_s):
    now = int(time.time() * 1000)
    body = {"logGroupName": group, "startTime": now - since_s * 1000, "endTime": now, "interleaved": True}
    out = sys.stdout
    while True:
        page = call(url, "FilterLogEvents", body)
        lines = []
        for e in page.get("events", []):
            t = datetime.fromtimestamp(e["timestamp"] / 1000, timezone.utc)
            lines.append("%s.%03dZ %s %s\n" % (t.strftime("%Y-%m-%dT%H:%M:%S"), e["timestamp"] % 1000,
                                               e["logStreamName"], e["message"].rstrip("\n")))
        out.write("".join(lines))
        token = page.get("nextToken")
        if not token:
            break
        body["nextToken"] = token
    out.flush()


if __name__ == "__main__":
    cmd, url, group = sys.argv[1], sys.argv[2], sys.argv[3]
    if cmd == "seed":
        seed(url, group, int(sys.argv[4]))
    elif cmd == "tail":
        tail(url, group, int(sys.argv[4]))
    else:
        sys.exit("unknown command " + cmd)
