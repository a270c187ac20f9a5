
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'o11y' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'o11y'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'o11y' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('xray', 'xray', [CompletionResultType]::ParameterValue, 'AWS X-Ray: groups, sampling rules, the service graph, traces, Transaction Search, a test span')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'CloudWatch Logs: tail (history, --follow, --live), Insights queries, one test event, log groups')
            [CompletionResult]::new('honeycomb', 'honeycomb', [CompletionResultType]::ParameterValue, 'Honeycomb: which team and environment a key belongs to, datasets, markers, a test span')
            [CompletionResult]::new('rollbar', 'rollbar', [CompletionResultType]::ParameterValue, 'Rollbar: report a test message or error, record a deploy')
            [CompletionResult]::new('otel', 'otel', [CompletionResultType]::ParameterValue, 'OpenTelemetry: what the app''s exporters do per signal (traces, logs, metrics); `otel test` sends one item each and reads it back')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Make the services match the manifest (o11y.toml)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the whole observability setup and say what to fix')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Record a deploy everywhere configured: a Honeycomb marker and a Rollbar deploy')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the app''s environment for this manifest (secrets as ${NAME} references)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write o11y.toml from what the account and the keys already have')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the manifest''s AWS part as a CloudFormation template')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) of o11y, as committed in `man/o11y.1`, or of one command (`man/o11y-setup.1`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;xray' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List X-Ray groups')
            [CompletionResult]::new('create-group', 'create-group', [CompletionResultType]::ParameterValue, 'Ensure an X-Ray group exists as described')
            [CompletionResult]::new('delete-group', 'delete-group', [CompletionResultType]::ParameterValue, 'Delete an X-Ray group')
            [CompletionResult]::new('sampling-rules', 'sampling-rules', [CompletionResultType]::ParameterValue, 'List X-Ray sampling rules')
            [CompletionResult]::new('create-sampling-rule', 'create-sampling-rule', [CompletionResultType]::ParameterValue, 'Ensure a sampling rule exists as described in a file')
            [CompletionResult]::new('delete-sampling-rule', 'delete-sampling-rule', [CompletionResultType]::ParameterValue, 'Delete an X-Ray sampling rule')
            [CompletionResult]::new('service-graph', 'service-graph', [CompletionResultType]::ParameterValue, 'Show the X-Ray service graph of a time window')
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'List the traces of a time window')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Draw one trace as a waterfall')
            [CompletionResult]::new('transaction-search', 'transaction-search', [CompletionResultType]::ParameterValue, 'Show X-Ray Transaction Search, or turn it on or off')
            [CompletionResult]::new('test-span', 'test-span', [CompletionResultType]::ParameterValue, 'Send one test span to X-Ray''s OTLP endpoint (or a segment through the daemon) and read it back')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;xray;groups' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;create-group' {
            [CompletionResult]::new('--filter-expression', '--filter-expression', [CompletionResultType]::ParameterName, 'Which traces belong to the group, e.g. `service("backend-flask")`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--insights', '--insights', [CompletionResultType]::ParameterName, 'Enable X-Ray Insights for the group')
            [CompletionResult]::new('--notifications', '--notifications', [CompletionResultType]::ParameterName, 'Enable Insights notifications (needs `--insights`)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;delete-group' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--if-exists', '--if-exists', [CompletionResultType]::ParameterName, 'Succeed (exit 0) when there is no such group')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;sampling-rules' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;create-sampling-rule' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The rule file, e.g. json/xray.json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;delete-sampling-rule' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--if-exists', '--if-exists', [CompletionResultType]::ParameterName, 'Succeed (exit 0) when there is no such rule')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;service-graph' {
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'The window ending now, e.g. `10m`, `1h`, `2h30m`')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The window''s start: a duration ago (`3h`) or an RFC 3339 time (`2026-11-25T10:00:00Z`)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'The window''s end (default: now), as for `--since`')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only the traces of this X-Ray group: its name, or its ARN (`arn:aws:xray:...`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;traces' {
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'The window ending now, e.g. `10m`, `1h`, `2h30m`')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The window''s start: a duration ago (`3h`) or an RFC 3339 time (`2026-11-25T10:00:00Z`)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'The window''s end (default: now), as for `--since`')
            [CompletionResult]::new('--filter-expression', '--filter-expression', [CompletionResultType]::ParameterName, 'Only the traces that match this X-Ray filter expression, e.g. `service("backend-flask")`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;trace' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Under Transaction Search: the start of the window searched, a duration ago (`3h`) or an RFC 3339 time (default: from the time in the id, else the last 3 hours)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Under Transaction Search: the end of the window searched (default: now)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Under Transaction Search: how long to wait for the retrieval to complete')
            [CompletionResult]::new('--trace-format', '--trace-format', [CompletionResultType]::ParameterName, 'Under Transaction Search: the documents to retrieve, X-Ray segments or OpenTelemetry spans')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;transaction-search' {
            [CompletionResult]::new('--indexing-percentage', '--indexing-percentage', [CompletionResultType]::ParameterName, 'With --enable: the percentage of spans X-Ray indexes as trace summaries, 0 to 100 [default: 1, the free share]')
            [CompletionResult]::new('--spans-retention-days', '--spans-retention-days', [CompletionResultType]::ParameterName, 'With --enable: how long `aws/spans` keeps spans: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'With --enable: how long to wait for the destination to become ACTIVE')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--enable', '--enable', [CompletionResultType]::ParameterName, 'Turn Transaction Search on (or make sure it is)')
            [CompletionResult]::new('--disable', '--disable', [CompletionResultType]::ParameterName, 'Send trace segments back to X-Ray (the resource policy stays)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;test-span' {
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service name of the span (default: OTEL_SERVICE_NAME, else service.name in OTEL_RESOURCE_ATTRIBUTES, else `o11y-test-span`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the span to arrive')
            [CompletionResult]::new('--daemon', '--daemon', [CompletionResultType]::ParameterName, 'Send one segment over UDP to the X-Ray daemon instead [env: AWS_XRAY_DAEMON_ADDRESS, default 127.0.0.1:2000]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after sending; do not read the span back')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;xray;help' {
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List X-Ray groups')
            [CompletionResult]::new('create-group', 'create-group', [CompletionResultType]::ParameterValue, 'Ensure an X-Ray group exists as described')
            [CompletionResult]::new('delete-group', 'delete-group', [CompletionResultType]::ParameterValue, 'Delete an X-Ray group')
            [CompletionResult]::new('sampling-rules', 'sampling-rules', [CompletionResultType]::ParameterValue, 'List X-Ray sampling rules')
            [CompletionResult]::new('create-sampling-rule', 'create-sampling-rule', [CompletionResultType]::ParameterValue, 'Ensure a sampling rule exists as described in a file')
            [CompletionResult]::new('delete-sampling-rule', 'delete-sampling-rule', [CompletionResultType]::ParameterValue, 'Delete an X-Ray sampling rule')
            [CompletionResult]::new('service-graph', 'service-graph', [CompletionResultType]::ParameterValue, 'Show the X-Ray service graph of a time window')
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'List the traces of a time window')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Draw one trace as a waterfall')
            [CompletionResult]::new('transaction-search', 'transaction-search', [CompletionResultType]::ParameterValue, 'Show X-Ray Transaction Search, or turn it on or off')
            [CompletionResult]::new('test-span', 'test-span', [CompletionResultType]::ParameterValue, 'Send one test span to X-Ray''s OTLP endpoint (or a segment through the daemon) and read it back')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;xray;help;groups' {
            break
        }
        'o11y;xray;help;create-group' {
            break
        }
        'o11y;xray;help;delete-group' {
            break
        }
        'o11y;xray;help;sampling-rules' {
            break
        }
        'o11y;xray;help;create-sampling-rule' {
            break
        }
        'o11y;xray;help;delete-sampling-rule' {
            break
        }
        'o11y;xray;help;service-graph' {
            break
        }
        'o11y;xray;help;traces' {
            break
        }
        'o11y;xray;help;trace' {
            break
        }
        'o11y;xray;help;transaction-search' {
            break
        }
        'o11y;xray;help;test-span' {
            break
        }
        'o11y;xray;help;help' {
            break
        }
        'o11y;logs' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show log events: the history, then with `--follow` new events as they arrive')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List log groups with their retention, stored bytes and creation time')
            [CompletionResult]::new('create-group', 'create-group', [CompletionResultType]::ParameterValue, 'Ensure a log group exists, with the given retention')
            [CompletionResult]::new('delete-group', 'delete-group', [CompletionResultType]::ParameterValue, 'Delete a log group and all its events')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Write one event to a log group, then find it again')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a Logs Insights query and print its results as a table')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;logs;tail' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start: a duration ago (`10m`, `2h`, `1d`) or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the history (default: now); not with `--follow`')
            [CompletionResult]::new('--filter-pattern', '--filter-pattern', [CompletionResultType]::ParameterName, 'Only events that match this CloudWatch Logs filter pattern, e.g. `ERROR` or `"connection refused"`')
            [CompletionResult]::new('--stream-prefix', '--stream-prefix', [CompletionResultType]::ParameterName, 'Only streams whose names start with this')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Text layout: `detailed` shows the stream (and the group, with several), `short` only time and message')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep showing new events as they arrive, until Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep showing new events as they arrive, until Ctrl-C')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local time zone')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'With `--follow`: after the history, stream new events through a Live Tail session (StartLiveTail, at most 10 groups) instead of polling. Live Tail is billed per session-minute: a follow left open for an hour is 60 session-minutes. Falls back to polling where Live Tail is unavailable')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;logs;groups' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only groups whose names start with this')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;logs;create-group' {
            [CompletionResult]::new('--retention-days', '--retention-days', [CompletionResultType]::ParameterName, 'How long to keep events: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;logs;delete-group' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--if-exists', '--if-exists', [CompletionResultType]::ParameterName, 'Succeed (exit 0) when there is no such group')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;logs;put' {
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'The log stream, created when missing [default: o11y-<hostname>]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to look for the event before giving up')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Write the event and stop: do not look for it')
            [CompletionResult]::new('--otlp', '--otlp', [CompletionResultType]::ParameterName, 'Send it through CloudWatch Logs'' OTLP endpoint (/v1/logs, SigV4 `logs`) instead of PutLogEvents')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;logs;query' {
            [CompletionResult]::new('--query-file', '--query-file', [CompletionResultType]::ParameterName, 'Read the query from this file instead (then every positional argument is a log group)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the window: a duration ago (`15m`, `1h`, `1d`) or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window (default: now)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'The most rows the query returns (1 to 100000; the service''s default when absent)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;logs;help' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show log events: the history, then with `--follow` new events as they arrive')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List log groups with their retention, stored bytes and creation time')
            [CompletionResult]::new('create-group', 'create-group', [CompletionResultType]::ParameterValue, 'Ensure a log group exists, with the given retention')
            [CompletionResult]::new('delete-group', 'delete-group', [CompletionResultType]::ParameterValue, 'Delete a log group and all its events')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Write one event to a log group, then find it again')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a Logs Insights query and print its results as a table')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;logs;help;tail' {
            break
        }
        'o11y;logs;help;groups' {
            break
        }
        'o11y;logs;help;create-group' {
            break
        }
        'o11y;logs;help;delete-group' {
            break
        }
        'o11y;logs;help;put' {
            break
        }
        'o11y;logs;help;query' {
            break
        }
        'o11y;logs;help;help' {
            break
        }
        'o11y;honeycomb' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine')
            [CompletionResult]::new('--api-endpoint', '--api-endpoint', [CompletionResultType]::ParameterName, 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the team and environment of the Honeycomb key, its kind and its permissions')
            [CompletionResult]::new('datasets', 'datasets', [CompletionResultType]::ParameterValue, 'List the datasets of the key''s environment')
            [CompletionResult]::new('marker', 'marker', [CompletionResultType]::ParameterValue, 'Add a marker (a deploy, an incident) to a dataset''s graphs, or to the whole environment')
            [CompletionResult]::new('test-span', 'test-span', [CompletionResultType]::ParameterValue, 'Send one test span the way the app''s OpenTelemetry exporter would, then confirm it arrived')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;honeycomb;whoami' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine')
            [CompletionResult]::new('--api-endpoint', '--api-endpoint', [CompletionResultType]::ParameterName, 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;honeycomb;datasets' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine')
            [CompletionResult]::new('--api-endpoint', '--api-endpoint', [CompletionResultType]::ParameterName, 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;honeycomb;marker' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'What happened (shown on the graph)')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'What happened (shown on the graph)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Groups markers: every marker of one type has the same colour (`deploy`, `incident` ...)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Groups markers: every marker of one type has the same colour (`deploy`, `incident` ...)')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'A link opened when the marker is clicked (the build, the pull request)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'A link opened when the marker is clicked (the build, the pull request)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine')
            [CompletionResult]::new('--api-endpoint', '--api-endpoint', [CompletionResultType]::ParameterName, 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;honeycomb;test-span' {
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service.name of the span (default: OTEL_SERVICE_NAME)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the span to arrive')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine')
            [CompletionResult]::new('--api-endpoint', '--api-endpoint', [CompletionResultType]::ParameterName, 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Send only: do not wait for the span to arrive')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;honeycomb;help' {
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the team and environment of the Honeycomb key, its kind and its permissions')
            [CompletionResult]::new('datasets', 'datasets', [CompletionResultType]::ParameterValue, 'List the datasets of the key''s environment')
            [CompletionResult]::new('marker', 'marker', [CompletionResultType]::ParameterValue, 'Add a marker (a deploy, an incident) to a dataset''s graphs, or to the whole environment')
            [CompletionResult]::new('test-span', 'test-span', [CompletionResultType]::ParameterValue, 'Send one test span the way the app''s OpenTelemetry exporter would, then confirm it arrived')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;honeycomb;help;whoami' {
            break
        }
        'o11y;honeycomb;help;datasets' {
            break
        }
        'o11y;honeycomb;help;marker' {
            break
        }
        'o11y;honeycomb;help;test-span' {
            break
        }
        'o11y;honeycomb;help;help' {
            break
        }
        'o11y;rollbar' {
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)')
            [CompletionResult]::new('--api-endpoint', '--api-endpoint', [CompletionResultType]::ParameterName, 'Rollbar''s API base URL')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Report a test message (or, with --exception, an error) to Rollbar, then find it again')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Tell Rollbar about a deploy')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;rollbar;report' {
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'The item''s level')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'The environment the item belongs to')
            [CompletionResult]::new('--exception', '--exception', [CompletionResultType]::ParameterName, 'Report an error of this class (a `trace` item) instead of a plain message')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for Rollbar to process the occurrence (needs ROLLBAR_READ_ACCESS_TOKEN)')
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)')
            [CompletionResult]::new('--api-endpoint', '--api-endpoint', [CompletionResultType]::ParameterName, 'Rollbar''s API base URL')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Send only: do not look for the occurrence')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;rollbar;deploy' {
            [CompletionResult]::new('--revision', '--revision', [CompletionResultType]::ParameterName, 'The revision deployed: a commit SHA or a version [default: `git rev-parse HEAD`]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'The environment deployed to')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'The deploy''s status')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'A comment on the deploy (what is being deployed)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who deployed: the local user name (Rollbar''s local_username)')
            [CompletionResult]::new('--rollbar-user', '--rollbar-user', [CompletionResultType]::ParameterName, 'Who deployed, as a Rollbar user name (Rollbar''s rollbar_username)')
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)')
            [CompletionResult]::new('--api-endpoint', '--api-endpoint', [CompletionResultType]::ParameterName, 'Rollbar''s API base URL')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;rollbar;help' {
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Report a test message (or, with --exception, an error) to Rollbar, then find it again')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Tell Rollbar about a deploy')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;rollbar;help;report' {
            break
        }
        'o11y;rollbar;help;deploy' {
            break
        }
        'o11y;rollbar;help;help' {
            break
        }
        'o11y;otel' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The manifest, for its secrets sink [default: o11y.toml, when there is one]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send one item per signal through the app''s own OpenTelemetry settings and read each back where it went')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;otel;test' {
            [CompletionResult]::new('--signal', '--signal', [CompletionResultType]::ParameterName, 'Which signal to test: traces, logs, metrics, or all the app exports')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long each read-back may wait')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The manifest: its backends (where a collector''s items are looked for) and its secrets sink [default: o11y.toml, when there is one]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Send only: do not read the items back')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;otel;help' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send one item per signal through the app''s own OpenTelemetry settings and read each back where it went')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;otel;help;test' {
            break
        }
        'o11y;otel;help;help' {
            break
        }
        'o11y;setup' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The manifest')
            [CompletionResult]::new('--rotate', '--rotate', [CompletionResultType]::ParameterName, 'Replace this key or token (by its name in o11y.toml): create a new one, store it in the secrets sink, then disable the old one (a Rollbar token: delete it, as Rollbar''s API cannot disable one). May be given more than once')
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'How many resources are read and ensured at once (each kind after the ones it needs: a log group''s streams after it, Transaction Search''s resource policy before its destination, a Honeycomb environment before its keys, a calculated field before its SLO, a Rollbar project before its tokens)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Read and compare only: report what would change and make no write call')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;doctor' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The manifest [default: o11y.toml, when there is one]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --send-test: how long each read-back may wait')
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'How many resources the manifest checks read at once')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--send-test', '--send-test', [CompletionResultType]::ParameterName, 'Also send one test item to each configured backend and read it back (X-Ray span, Honeycomb span, CloudWatch Logs event, Rollbar item, one OpenTelemetry item per signal the app names), all at once; one row each with the delay or the failure')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;deploy' {
            [CompletionResult]::new('--revision', '--revision', [CompletionResultType]::ParameterName, 'The revision deployed: a commit SHA or a version [default: `git rev-parse HEAD`]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'The environment deployed to [default with --env: that environment''s `[rollbar] environment`]')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'The deploy''s status (Rollbar): started, succeeded, failed or timed_out')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'A link for the marker (the CI job, the pull request)')
            [CompletionResult]::new('--deploy-id', '--deploy-id', [CompletionResultType]::ParameterName, 'Update the status of this Rollbar deploy (from an earlier `o11y deploy`) instead of recording one')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The manifest [default: o11y.toml, when there is one]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;env' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to write it: `dotenv` (NAME=value), `shell` (export NAME="value") or `compose` (an `environment:` block)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The manifest')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;init' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The manifest to write (rule files go to json/ beside it)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only the log groups whose name starts with this')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing manifest and rule files')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('cloudformation', 'cloudformation', [CompletionResultType]::ParameterValue, 'The AWS part of the manifest as a CloudFormation template')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;export;cloudformation' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The manifest')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The manifest''s environment (`[environments.NAME]`), or `all` for every environment and region at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;export;help' {
            [CompletionResult]::new('cloudformation', 'cloudformation', [CompletionResultType]::ParameterValue, 'The AWS part of the manifest as a CloudFormation template')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;export;help;cloudformation' {
            break
        }
        'o11y;export;help;help' {
            break
        }
        'o11y;completions' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;man' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show what is being called, on stderr (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'o11y;help' {
            [CompletionResult]::new('xray', 'xray', [CompletionResultType]::ParameterValue, 'AWS X-Ray: groups, sampling rules, the service graph, traces, Transaction Search, a test span')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'CloudWatch Logs: tail (history, --follow, --live), Insights queries, one test event, log groups')
            [CompletionResult]::new('honeycomb', 'honeycomb', [CompletionResultType]::ParameterValue, 'Honeycomb: which team and environment a key belongs to, datasets, markers, a test span')
            [CompletionResult]::new('rollbar', 'rollbar', [CompletionResultType]::ParameterValue, 'Rollbar: report a test message or error, record a deploy')
            [CompletionResult]::new('otel', 'otel', [CompletionResultType]::ParameterValue, 'OpenTelemetry: what the app''s exporters do per signal (traces, logs, metrics); `otel test` sends one item each and reads it back')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Make the services match the manifest (o11y.toml)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the whole observability setup and say what to fix')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Record a deploy everywhere configured: a Honeycomb marker and a Rollbar deploy')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the app''s environment for this manifest (secrets as ${NAME} references)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write o11y.toml from what the account and the keys already have')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the manifest''s AWS part as a CloudFormation template')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) of o11y, as committed in `man/o11y.1`, or of one command (`man/o11y-setup.1`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'o11y;help;xray' {
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List X-Ray groups')
            [CompletionResult]::new('create-group', 'create-group', [CompletionResultType]::ParameterValue, 'Ensure an X-Ray group exists as described')
            [CompletionResult]::new('delete-group', 'delete-group', [CompletionResultType]::ParameterValue, 'Delete an X-Ray group')
            [CompletionResult]::new('sampling-rules', 'sampling-rules', [CompletionResultType]::ParameterValue, 'List X-Ray sampling rules')
            [CompletionResult]::new('create-sampling-rule', 'create-sampling-rule', [CompletionResultType]::ParameterValue, 'Ensure a sampling rule exists as described in a file')
            [CompletionResult]::new('delete-sampling-rule', 'delete-sampling-rule', [CompletionResultType]::ParameterValue, 'Delete an X-Ray sampling rule')
            [CompletionResult]::new('service-graph', 'service-graph', [CompletionResultType]::ParameterValue, 'Show the X-Ray service graph of a time window')
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'List the traces of a time window')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Draw one trace as a waterfall')
            [CompletionResult]::new('transaction-search', 'transaction-search', [CompletionResultType]::ParameterValue, 'Show X-Ray Transaction Search, or turn it on or off')
            [CompletionResult]::new('test-span', 'test-span', [CompletionResultType]::ParameterValue, 'Send one test span to X-Ray''s OTLP endpoint (or a segment through the daemon) and read it back')
            break
        }
        'o11y;help;xray;groups' {
            break
        }
        'o11y;help;xray;create-group' {
            break
        }
        'o11y;help;xray;delete-group' {
            break
        }
        'o11y;help;xray;sampling-rules' {
            break
        }
        'o11y;help;xray;create-sampling-rule' {
            break
        }
        'o11y;help;xray;delete-sampling-rule' {
            break
        }
        'o11y;help;xray;service-graph' {
            break
        }
        'o11y;help;xray;traces' {
            break
        }
        'o11y;help;xray;trace' {
            break
        }
        'o11y;help;xray;transaction-search' {
            break
        }
        'o11y;help;xray;test-span' {
            break
        }
        'o11y;help;logs' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show log events: the history, then with `--follow` new events as they arrive')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List log groups with their retention, stored bytes and creation time')
            [CompletionResult]::new('create-group', 'create-group', [CompletionResultType]::ParameterValue, 'Ensure a log group exists, with the given retention')
            [CompletionResult]::new('delete-group', 'delete-group', [CompletionResultType]::ParameterValue, 'Delete a log group and all its events')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Write one event to a log group, then find it again')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a Logs Insights query and print its results as a table')
            break
        }
        'o11y;help;logs;tail' {
            break
        }
        'o11y;help;logs;groups' {
            break
        }
        'o11y;help;logs;create-group' {
            break
        }
        'o11y;help;logs;delete-group' {
            break
        }
        'o11y;help;logs;put' {
            break
        }
        'o11y;help;logs;query' {
            break
        }
        'o11y;help;honeycomb' {
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the team and environment of the Honeycomb key, its kind and its permissions')
            [CompletionResult]::new('datasets', 'datasets', [CompletionResultType]::ParameterValue, 'List the datasets of the key''s environment')
            [CompletionResult]::new('marker', 'marker', [CompletionResultType]::ParameterValue, 'Add a marker (a deploy, an incident) to a dataset''s graphs, or to the whole environment')
            [CompletionResult]::new('test-span', 'test-span', [CompletionResultType]::ParameterValue, 'Send one test span the way the app''s OpenTelemetry exporter would, then confirm it arrived')
            break
        }
        'o11y;help;honeycomb;whoami' {
            break
        }
        'o11y;help;honeycomb;datasets' {
            break
        }
        'o11y;help;honeycomb;marker' {
            break
        }
        'o11y;help;honeycomb;test-span' {
            break
        }
        'o11y;help;rollbar' {
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Report a test message (or, with --exception, an error) to Rollbar, then find it again')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Tell Rollbar about a deploy')
            break
        }
        'o11y;help;rollbar;report' {
            break
        }
        'o11y;help;rollbar;deploy' {
            break
        }
        'o11y;help;otel' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send one item per signal through the app''s own OpenTelemetry settings and read each back where it went')
            break
        }
        'o11y;help;otel;test' {
            break
        }
        'o11y;help;setup' {
            break
        }
        'o11y;help;doctor' {
            break
        }
        'o11y;help;deploy' {
            break
        }
        'o11y;help;env' {
            break
        }
        'o11y;help;init' {
            break
        }
        'o11y;help;export' {
            [CompletionResult]::new('cloudformation', 'cloudformation', [CompletionResultType]::ParameterValue, 'The AWS part of the manifest as a CloudFormation template')
            break
        }
        'o11y;help;export;cloudformation' {
            break
        }
        'o11y;help;completions' {
            break
        }
        'o11y;help;man' {
            break
        }
        'o11y;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
