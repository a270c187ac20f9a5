#!/usr/bin/env bash
# What a user writes today without o11y: `aws logs start-query`, then `aws logs get-query-results` every
# SLEEP seconds until the query ends, then the rows (fields other than @ptr, tab-separated) on stdout.
#   scripts/bench_query_aws.sh START_S END_S QUERY GROUP     (AWS=path/to/aws, SLEEP=1)
set -euo pipefail
AWS=${AWS:-aws}
SLEEP=${SLEEP:-1}
id=$("$AWS" logs start-query --log-group-names "$4" --start-time "$1" --end-time "$2" \
  --query-string "$3" --query queryId --output text)
polls=0
while :; do
  out=$("$AWS" logs get-query-results --query-id "$id" --output json)
  polls=$((polls + 1))
  status=$(jq -r .status <<<"$out")
  case $status in
    Scheduled | Running) sleep "$SLEEP" ;;
    *) break ;;
  esac
done
[ "$status" = Complete ] || { echo "query ended $status" >&2; exit 1; }
jq -r '.results[] | map(select(.field != "@ptr") | .value) | @tsv' <<<"$out"
echo "GetQueryResults calls: $polls" >&2
