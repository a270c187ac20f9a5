#!/usr/bin/env bash
# The baseline of scripts/bench-setup: what `o11y setup` does for [[logs.groups]], written with the AWS CLI.
# For each group: read it (describe-log-groups --log-group-name-prefix), create it when it is missing
# (create-log-group), set its retention when it differs (put-retention-policy); prints "NAME created",
# "NAME updated" or "NAME unchanged". One group after the other; run it under `xargs -P` for more at once.
#   scripts/bench_setup_aws.sh DAYS NAME...     (AWS=path/to/aws)
set -euo pipefail
AWS=${AWS:-aws}
days=$1; shift
for name in "$@"; do
  # "NAME<TAB>DAYS", "NAME<TAB>None" (no retention) or nothing (no such group).
  current=$("$AWS" logs describe-log-groups --log-group-name-prefix "$name" \
    --query "logGroups[?logGroupName=='$name'].[logGroupName, retentionInDays]" --output text)
  if [ -z "$current" ]; then
    "$AWS" logs create-log-group --log-group-name "$name"
    "$AWS" logs put-retention-policy --log-group-name "$name" --retention-in-days "$days"
    echo "$name created"
  elif [ "${current##*$'\t'}" != "$days" ]; then
    "$AWS" logs put-retention-policy --log-group-name "$name" --retention-in-days "$days"
    echo "$name updated"
  else
    echo "$name unchanged"
  fi
done
