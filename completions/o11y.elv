
use builtin;
use str;

set edit:completion:arg-completer[o11y] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'o11y'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'o11y'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand xray 'AWS X-Ray: groups, sampling rules, the service graph, traces, Transaction Search, a test span'
            cand logs 'CloudWatch Logs: tail (history, --follow, --live), Insights queries, one test event, log groups'
            cand honeycomb 'Honeycomb: which team and environment a key belongs to, datasets, markers, a test span'
            cand rollbar 'Rollbar: report a test message or error, record a deploy'
            cand otel 'OpenTelemetry: what the app''s exporters do per signal (traces, logs, metrics); `otel test` sends one item each and reads it back'
            cand setup 'Make the services match the manifest (o11y.toml)'
            cand doctor 'Check the whole observability setup and say what to fix'
            cand deploy 'Record a deploy everywhere configured: a Honeycomb marker and a Rollbar deploy'
            cand env 'Print the app''s environment for this manifest (secrets as ${NAME} references)'
            cand init 'Write o11y.toml from what the account and the keys already have'
            cand export 'Export the manifest''s AWS part as a CloudFormation template'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff) of o11y, as committed in `man/o11y.1`, or of one command (`man/o11y-setup.1`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;xray'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand groups 'List X-Ray groups'
            cand create-group 'Ensure an X-Ray group exists as described'
            cand delete-group 'Delete an X-Ray group'
            cand sampling-rules 'List X-Ray sampling rules'
            cand create-sampling-rule 'Ensure a sampling rule exists as described in a file'
            cand delete-sampling-rule 'Delete an X-Ray sampling rule'
            cand service-graph 'Show the X-Ray service graph of a time window'
            cand traces 'List the traces of a time window'
            cand trace 'Draw one trace as a waterfall'
            cand transaction-search 'Show X-Ray Transaction Search, or turn it on or off'
            cand test-span 'Send one test span to X-Ray''s OTLP endpoint (or a segment through the daemon) and read it back'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;xray;groups'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;create-group'= {
            cand --filter-expression 'Which traces belong to the group, e.g. `service("backend-flask")`'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --insights 'Enable X-Ray Insights for the group'
            cand --notifications 'Enable Insights notifications (needs `--insights`)'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;delete-group'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --if-exists 'Succeed (exit 0) when there is no such group'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;sampling-rules'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;create-sampling-rule'= {
            cand --file 'The rule file, e.g. json/xray.json'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;delete-sampling-rule'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --if-exists 'Succeed (exit 0) when there is no such rule'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;service-graph'= {
            cand --last 'The window ending now, e.g. `10m`, `1h`, `2h30m`'
            cand --since 'The window''s start: a duration ago (`3h`) or an RFC 3339 time (`2026-11-25T10:00:00Z`)'
            cand --until 'The window''s end (default: now), as for `--since`'
            cand --group 'Only the traces of this X-Ray group: its name, or its ARN (`arn:aws:xray:...`)'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;traces'= {
            cand --last 'The window ending now, e.g. `10m`, `1h`, `2h30m`'
            cand --since 'The window''s start: a duration ago (`3h`) or an RFC 3339 time (`2026-11-25T10:00:00Z`)'
            cand --until 'The window''s end (default: now), as for `--since`'
            cand --filter-expression 'Only the traces that match this X-Ray filter expression, e.g. `service("backend-flask")`'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;trace'= {
            cand --since 'Under Transaction Search: the start of the window searched, a duration ago (`3h`) or an RFC 3339 time (default: from the time in the id, else the last 3 hours)'
            cand --until 'Under Transaction Search: the end of the window searched (default: now)'
            cand --timeout 'Under Transaction Search: how long to wait for the retrieval to complete'
            cand --trace-format 'Under Transaction Search: the documents to retrieve, X-Ray segments or OpenTelemetry spans'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;transaction-search'= {
            cand --indexing-percentage 'With --enable: the percentage of spans X-Ray indexes as trace summaries, 0 to 100 [default: 1, the free share]'
            cand --spans-retention-days 'With --enable: how long `aws/spans` keeps spans: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days'
            cand --wait 'With --enable: how long to wait for the destination to become ACTIVE'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --enable 'Turn Transaction Search on (or make sure it is)'
            cand --disable 'Send trace segments back to X-Ray (the resource policy stays)'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;test-span'= {
            cand --service 'The service name of the span (default: OTEL_SERVICE_NAME, else service.name in OTEL_RESOURCE_ATTRIBUTES, else `o11y-test-span`)'
            cand --timeout 'How long to wait for the span to arrive'
            cand --daemon 'Send one segment over UDP to the X-Ray daemon instead [env: AWS_XRAY_DAEMON_ADDRESS, default 127.0.0.1:2000]'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-wait 'Stop after sending; do not read the span back'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;xray;help'= {
            cand groups 'List X-Ray groups'
            cand create-group 'Ensure an X-Ray group exists as described'
            cand delete-group 'Delete an X-Ray group'
            cand sampling-rules 'List X-Ray sampling rules'
            cand create-sampling-rule 'Ensure a sampling rule exists as described in a file'
            cand delete-sampling-rule 'Delete an X-Ray sampling rule'
            cand service-graph 'Show the X-Ray service graph of a time window'
            cand traces 'List the traces of a time window'
            cand trace 'Draw one trace as a waterfall'
            cand transaction-search 'Show X-Ray Transaction Search, or turn it on or off'
            cand test-span 'Send one test span to X-Ray''s OTLP endpoint (or a segment through the daemon) and read it back'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;xray;help;groups'= {
        }
        &'o11y;xray;help;create-group'= {
        }
        &'o11y;xray;help;delete-group'= {
        }
        &'o11y;xray;help;sampling-rules'= {
        }
        &'o11y;xray;help;create-sampling-rule'= {
        }
        &'o11y;xray;help;delete-sampling-rule'= {
        }
        &'o11y;xray;help;service-graph'= {
        }
        &'o11y;xray;help;traces'= {
        }
        &'o11y;xray;help;trace'= {
        }
        &'o11y;xray;help;transaction-search'= {
        }
        &'o11y;xray;help;test-span'= {
        }
        &'o11y;xray;help;help'= {
        }
        &'o11y;logs'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand tail 'Show log events: the history, then with `--follow` new events as they arrive'
            cand groups 'List log groups with their retention, stored bytes and creation time'
            cand create-group 'Ensure a log group exists, with the given retention'
            cand delete-group 'Delete a log group and all its events'
            cand put 'Write one event to a log group, then find it again'
            cand query 'Run a Logs Insights query and print its results as a table'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;logs;tail'= {
            cand --since 'Start: a duration ago (`10m`, `2h`, `1d`) or an RFC 3339 time'
            cand --until 'End of the history (default: now); not with `--follow`'
            cand --filter-pattern 'Only events that match this CloudWatch Logs filter pattern, e.g. `ERROR` or `"connection refused"`'
            cand --stream-prefix 'Only streams whose names start with this'
            cand --format 'Text layout: `detailed` shows the stream (and the group, with several), `short` only time and message'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -f 'Keep showing new events as they arrive, until Ctrl-C'
            cand --follow 'Keep showing new events as they arrive, until Ctrl-C'
            cand --utc 'Show times in UTC instead of the local time zone'
            cand --live 'With `--follow`: after the history, stream new events through a Live Tail session (StartLiveTail, at most 10 groups) instead of polling. Live Tail is billed per session-minute: a follow left open for an hour is 60 session-minutes. Falls back to polling where Live Tail is unavailable'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;logs;groups'= {
            cand --prefix 'Only groups whose names start with this'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;logs;create-group'= {
            cand --retention-days 'How long to keep events: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;logs;delete-group'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --if-exists 'Succeed (exit 0) when there is no such group'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;logs;put'= {
            cand --stream 'The log stream, created when missing [default: o11y-<hostname>]'
            cand --timeout 'How long to look for the event before giving up'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-wait 'Write the event and stop: do not look for it'
            cand --otlp 'Send it through CloudWatch Logs'' OTLP endpoint (/v1/logs, SigV4 `logs`) instead of PutLogEvents'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;logs;query'= {
            cand --query-file 'Read the query from this file instead (then every positional argument is a log group)'
            cand --since 'Start of the window: a duration ago (`15m`, `1h`, `1d`) or an RFC 3339 time'
            cand --until 'End of the window (default: now)'
            cand --limit 'The most rows the query returns (1 to 100000; the service''s default when absent)'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;logs;help'= {
            cand tail 'Show log events: the history, then with `--follow` new events as they arrive'
            cand groups 'List log groups with their retention, stored bytes and creation time'
            cand create-group 'Ensure a log group exists, with the given retention'
            cand delete-group 'Delete a log group and all its events'
            cand put 'Write one event to a log group, then find it again'
            cand query 'Run a Logs Insights query and print its results as a table'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;logs;help;tail'= {
        }
        &'o11y;logs;help;groups'= {
        }
        &'o11y;logs;help;create-group'= {
        }
        &'o11y;logs;help;delete-group'= {
        }
        &'o11y;logs;help;put'= {
        }
        &'o11y;logs;help;query'= {
        }
        &'o11y;logs;help;help'= {
        }
        &'o11y;honeycomb'= {
            cand --api-key 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine'
            cand --api-endpoint 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand whoami 'Show the team and environment of the Honeycomb key, its kind and its permissions'
            cand datasets 'List the datasets of the key''s environment'
            cand marker 'Add a marker (a deploy, an incident) to a dataset''s graphs, or to the whole environment'
            cand test-span 'Send one test span the way the app''s OpenTelemetry exporter would, then confirm it arrived'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;honeycomb;whoami'= {
            cand --api-key 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine'
            cand --api-endpoint 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;honeycomb;datasets'= {
            cand --api-key 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine'
            cand --api-endpoint 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;honeycomb;marker'= {
            cand -m 'What happened (shown on the graph)'
            cand --message 'What happened (shown on the graph)'
            cand -t 'Groups markers: every marker of one type has the same colour (`deploy`, `incident` ...)'
            cand --type 'Groups markers: every marker of one type has the same colour (`deploy`, `incident` ...)'
            cand -u 'A link opened when the marker is clicked (the build, the pull request)'
            cand --url 'A link opened when the marker is clicked (the build, the pull request)'
            cand --api-key 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine'
            cand --api-endpoint 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;honeycomb;test-span'= {
            cand --service 'The service.name of the span (default: OTEL_SERVICE_NAME)'
            cand --timeout 'How long to wait for the span to arrive'
            cand --api-key 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine'
            cand --api-endpoint 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-wait 'Send only: do not wait for the span to arrive'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;honeycomb;help'= {
            cand whoami 'Show the team and environment of the Honeycomb key, its kind and its permissions'
            cand datasets 'List the datasets of the key''s environment'
            cand marker 'Add a marker (a deploy, an incident) to a dataset''s graphs, or to the whole environment'
            cand test-span 'Send one test span the way the app''s OpenTelemetry exporter would, then confirm it arrived'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;honeycomb;help;whoami'= {
        }
        &'o11y;honeycomb;help;datasets'= {
        }
        &'o11y;honeycomb;help;marker'= {
        }
        &'o11y;honeycomb;help;test-span'= {
        }
        &'o11y;honeycomb;help;help'= {
        }
        &'o11y;rollbar'= {
            cand --access-token 'A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)'
            cand --api-endpoint 'Rollbar''s API base URL'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand report 'Report a test message (or, with --exception, an error) to Rollbar, then find it again'
            cand deploy 'Tell Rollbar about a deploy'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;rollbar;report'= {
            cand --level 'The item''s level'
            cand --environment 'The environment the item belongs to'
            cand --exception 'Report an error of this class (a `trace` item) instead of a plain message'
            cand --timeout 'How long to wait for Rollbar to process the occurrence (needs ROLLBAR_READ_ACCESS_TOKEN)'
            cand --access-token 'A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)'
            cand --api-endpoint 'Rollbar''s API base URL'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-wait 'Send only: do not look for the occurrence'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;rollbar;deploy'= {
            cand --revision 'The revision deployed: a commit SHA or a version [default: `git rev-parse HEAD`]'
            cand --environment 'The environment deployed to'
            cand --status 'The deploy''s status'
            cand --comment 'A comment on the deploy (what is being deployed)'
            cand --user 'Who deployed: the local user name (Rollbar''s local_username)'
            cand --rollbar-user 'Who deployed, as a Rollbar user name (Rollbar''s rollbar_username)'
            cand --access-token 'A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)'
            cand --api-endpoint 'Rollbar''s API base URL'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;rollbar;help'= {
            cand report 'Report a test message (or, with --exception, an error) to Rollbar, then find it again'
            cand deploy 'Tell Rollbar about a deploy'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;rollbar;help;report'= {
        }
        &'o11y;rollbar;help;deploy'= {
        }
        &'o11y;rollbar;help;help'= {
        }
        &'o11y;otel'= {
            cand --file 'The manifest, for its secrets sink [default: o11y.toml, when there is one]'
            cand --env 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand test 'Send one item per signal through the app''s own OpenTelemetry settings and read each back where it went'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;otel;test'= {
            cand --signal 'Which signal to test: traces, logs, metrics, or all the app exports'
            cand --timeout 'How long each read-back may wait'
            cand --file 'The manifest: its backends (where a collector''s items are looked for) and its secrets sink [default: o11y.toml, when there is one]'
            cand --env 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-wait 'Send only: do not read the items back'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;otel;help'= {
            cand test 'Send one item per signal through the app''s own OpenTelemetry settings and read each back where it went'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;otel;help;test'= {
        }
        &'o11y;otel;help;help'= {
        }
        &'o11y;setup'= {
            cand --file 'The manifest'
            cand --rotate 'Replace this key or token (by its name in o11y.toml): create a new one, store it in the secrets sink, then disable the old one (a Rollbar token: delete it, as Rollbar''s API cannot disable one). May be given more than once'
            cand --parallelism 'How many resources are read and ensured at once (each kind after the ones it needs: a log group''s streams after it, Transaction Search''s resource policy before its destination, a Honeycomb environment before its keys, a calculated field before its SLO, a Rollbar project before its tokens)'
            cand --env 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --dry-run 'Read and compare only: report what would change and make no write call'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;doctor'= {
            cand --file 'The manifest [default: o11y.toml, when there is one]'
            cand --timeout 'With --send-test: how long each read-back may wait'
            cand --parallelism 'How many resources the manifest checks read at once'
            cand --env 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --send-test 'Also send one test item to each configured backend and read it back (X-Ray span, Honeycomb span, CloudWatch Logs event, Rollbar item, one OpenTelemetry item per signal the app names), all at once; one row each with the delay or the failure'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;deploy'= {
            cand --revision 'The revision deployed: a commit SHA or a version [default: `git rev-parse HEAD`]'
            cand --environment 'The environment deployed to [default with --env: that environment''s `[rollbar] environment`]'
            cand --status 'The deploy''s status (Rollbar): started, succeeded, failed or timed_out'
            cand --url 'A link for the marker (the CI job, the pull request)'
            cand --deploy-id 'Update the status of this Rollbar deploy (from an earlier `o11y deploy`) instead of recording one'
            cand --file 'The manifest [default: o11y.toml, when there is one]'
            cand --env 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;env'= {
            cand --format 'How to write it: `dotenv` (NAME=value), `shell` (export NAME="value") or `compose` (an `environment:` block)'
            cand --file 'The manifest'
            cand --env 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;init'= {
            cand --file 'The manifest to write (rule files go to json/ beside it)'
            cand --prefix 'Only the log groups whose name starts with this'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --force 'Replace an existing manifest and rule files'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;export'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand cloudformation 'The AWS part of the manifest as a CloudFormation template'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;export;cloudformation'= {
            cand --file 'The manifest'
            cand --env 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once'
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;export;help'= {
            cand cloudformation 'The AWS part of the manifest as a CloudFormation template'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;export;help;cloudformation'= {
        }
        &'o11y;export;help;help'= {
        }
        &'o11y;completions'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;man'= {
            cand -o 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --output 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]'
            cand --endpoint-url 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --no-color 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
            cand -v 'Show what is being called, on stderr (never a secret)'
            cand --verbose 'Show what is being called, on stderr (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'o11y;help'= {
            cand xray 'AWS X-Ray: groups, sampling rules, the service graph, traces, Transaction Search, a test span'
            cand logs 'CloudWatch Logs: tail (history, --follow, --live), Insights queries, one test event, log groups'
            cand honeycomb 'Honeycomb: which team and environment a key belongs to, datasets, markers, a test span'
            cand rollbar 'Rollbar: report a test message or error, record a deploy'
            cand otel 'OpenTelemetry: what the app''s exporters do per signal (traces, logs, metrics); `otel test` sends one item each and reads it back'
            cand setup 'Make the services match the manifest (o11y.toml)'
            cand doctor 'Check the whole observability setup and say what to fix'
            cand deploy 'Record a deploy everywhere configured: a Honeycomb marker and a Rollbar deploy'
            cand env 'Print the app''s environment for this manifest (secrets as ${NAME} references)'
            cand init 'Write o11y.toml from what the account and the keys already have'
            cand export 'Export the manifest''s AWS part as a CloudFormation template'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff) of o11y, as committed in `man/o11y.1`, or of one command (`man/o11y-setup.1`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'o11y;help;xray'= {
            cand groups 'List X-Ray groups'
            cand create-group 'Ensure an X-Ray group exists as described'
            cand delete-group 'Delete an X-Ray group'
            cand sampling-rules 'List X-Ray sampling rules'
            cand create-sampling-rule 'Ensure a sampling rule exists as described in a file'
            cand delete-sampling-rule 'Delete an X-Ray sampling rule'
            cand service-graph 'Show the X-Ray service graph of a time window'
            cand traces 'List the traces of a time window'
            cand trace 'Draw one trace as a waterfall'
            cand transaction-search 'Show X-Ray Transaction Search, or turn it on or off'
            cand test-span 'Send one test span to X-Ray''s OTLP endpoint (or a segment through the daemon) and read it back'
        }
        &'o11y;help;xray;groups'= {
        }
        &'o11y;help;xray;create-group'= {
        }
        &'o11y;help;xray;delete-group'= {
        }
        &'o11y;help;xray;sampling-rules'= {
        }
        &'o11y;help;xray;create-sampling-rule'= {
        }
        &'o11y;help;xray;delete-sampling-rule'= {
        }
        &'o11y;help;xray;service-graph'= {
        }
        &'o11y;help;xray;traces'= {
        }
        &'o11y;help;xray;trace'= {
        }
        &'o11y;help;xray;transaction-search'= {
        }
        &'o11y;help;xray;test-span'= {
        }
        &'o11y;help;logs'= {
            cand tail 'Show log events: the history, then with `--follow` new events as they arrive'
            cand groups 'List log groups with their retention, stored bytes and creation time'
            cand create-group 'Ensure a log group exists, with the given retention'
            cand delete-group 'Delete a log group and all its events'
            cand put 'Write one event to a log group, then find it again'
            cand query 'Run a Logs Insights query and print its results as a table'
        }
        &'o11y;help;logs;tail'= {
        }
        &'o11y;help;logs;groups'= {
        }
        &'o11y;help;logs;create-group'= {
        }
        &'o11y;help;logs;delete-group'= {
        }
        &'o11y;help;logs;put'= {
        }
        &'o11y;help;logs;query'= {
        }
        &'o11y;help;honeycomb'= {
            cand whoami 'Show the team and environment of the Honeycomb key, its kind and its permissions'
            cand datasets 'List the datasets of the key''s environment'
            cand marker 'Add a marker (a deploy, an incident) to a dataset''s graphs, or to the whole environment'
            cand test-span 'Send one test span the way the app''s OpenTelemetry exporter would, then confirm it arrived'
        }
        &'o11y;help;honeycomb;whoami'= {
        }
        &'o11y;help;honeycomb;datasets'= {
        }
        &'o11y;help;honeycomb;marker'= {
        }
        &'o11y;help;honeycomb;test-span'= {
        }
        &'o11y;help;rollbar'= {
            cand report 'Report a test message (or, with --exception, an error) to Rollbar, then find it again'
            cand deploy 'Tell Rollbar about a deploy'
        }
        &'o11y;help;rollbar;report'= {
        }
        &'o11y;help;rollbar;deploy'= {
        }
        &'o11y;help;otel'= {
            cand test 'Send one item per signal through the app''s own OpenTelemetry settings and read each back where it went'
        }
        &'o11y;help;otel;test'= {
        }
        &'o11y;help;setup'= {
        }
        &'o11y;help;doctor'= {
        }
        &'o11y;help;deploy'= {
        }
        &'o11y;help;env'= {
        }
        &'o11y;help;init'= {
        }
        &'o11y;help;export'= {
            cand cloudformation 'The AWS part of the manifest as a CloudFormation template'
        }
        &'o11y;help;export;cloudformation'= {
        }
        &'o11y;help;completions'= {
        }
        &'o11y;help;man'= {
        }
        &'o11y;help;help'= {
        }
    ]
    $completions[$command]
}
