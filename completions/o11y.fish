# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_o11y_global_optspecs
    string join \n o/output= region= profile= endpoint-url= no-color v/verbose h/help V/version
end

function __fish_o11y_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_o11y_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_o11y_using_subcommand
    set -l cmd (__fish_o11y_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c o11y -n "__fish_o11y_needs_command" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_needs_command" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_needs_command" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_needs_command" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_needs_command" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_needs_command" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_needs_command" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "xray" -d 'AWS X-Ray: groups, sampling rules, the service graph, traces, Transaction Search, a test span'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "logs" -d 'CloudWatch Logs: tail (history, --follow, --live), Insights queries, one test event, log groups'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "honeycomb" -d 'Honeycomb: which team and environment a key belongs to, datasets, markers, a test span'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "rollbar" -d 'Rollbar: report a test message or error, record a deploy'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "otel" -d 'OpenTelemetry: what the app\'s exporters do per signal (traces, logs, metrics); `otel test` sends one item each and reads it back'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "setup" -d 'Make the services match the manifest (o11y.toml)'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "doctor" -d 'Check the whole observability setup and say what to fix'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "deploy" -d 'Record a deploy everywhere configured: a Honeycomb marker and a Rollbar deploy'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "env" -d 'Print the app\'s environment for this manifest (secrets as ${NAME} references)'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "init" -d 'Write o11y.toml from what the account and the keys already have'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "export" -d 'Export the manifest\'s AWS part as a CloudFormation template'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "man" -d 'Print the man page (roff) of o11y, as committed in `man/o11y.1`, or of one command (`man/o11y-setup.1`)'
complete -c o11y -n "__fish_o11y_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -s h -l help -d 'Print help'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "groups" -d 'List X-Ray groups'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "create-group" -d 'Ensure an X-Ray group exists as described'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "delete-group" -d 'Delete an X-Ray group'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "sampling-rules" -d 'List X-Ray sampling rules'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "create-sampling-rule" -d 'Ensure a sampling rule exists as described in a file'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "delete-sampling-rule" -d 'Delete an X-Ray sampling rule'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "service-graph" -d 'Show the X-Ray service graph of a time window'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "traces" -d 'List the traces of a time window'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "trace" -d 'Draw one trace as a waterfall'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "transaction-search" -d 'Show X-Ray Transaction Search, or turn it on or off'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "test-span" -d 'Send one test span to X-Ray\'s OTLP endpoint (or a segment through the daemon) and read it back'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and not __fish_seen_subcommand_from groups create-group delete-group sampling-rules create-sampling-rule delete-sampling-rule service-graph traces trace transaction-search test-span help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from groups" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from groups" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from groups" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from groups" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from groups" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from groups" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from groups" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from groups" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -l filter-expression -d 'Which traces belong to the group, e.g. `service("backend-flask")`' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -l insights -d 'Enable X-Ray Insights for the group'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -l notifications -d 'Enable Insights notifications (needs `--insights`)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-group" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-group" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-group" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-group" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-group" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-group" -l if-exists -d 'Succeed (exit 0) when there is no such group'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-group" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-group" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-group" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-group" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from sampling-rules" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from sampling-rules" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from sampling-rules" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from sampling-rules" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from sampling-rules" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from sampling-rules" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from sampling-rules" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from sampling-rules" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-sampling-rule" -l file -d 'The rule file, e.g. json/xray.json' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-sampling-rule" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-sampling-rule" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-sampling-rule" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-sampling-rule" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-sampling-rule" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-sampling-rule" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-sampling-rule" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from create-sampling-rule" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-sampling-rule" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-sampling-rule" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-sampling-rule" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-sampling-rule" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-sampling-rule" -l if-exists -d 'Succeed (exit 0) when there is no such rule'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-sampling-rule" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-sampling-rule" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-sampling-rule" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from delete-sampling-rule" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -l last -d 'The window ending now, e.g. `10m`, `1h`, `2h30m`' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -l since -d 'The window\'s start: a duration ago (`3h`) or an RFC 3339 time (`2026-11-25T10:00:00Z`)' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -l until -d 'The window\'s end (default: now), as for `--since`' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -l group -d 'Only the traces of this X-Ray group: its name, or its ARN (`arn:aws:xray:...`)' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from service-graph" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -l last -d 'The window ending now, e.g. `10m`, `1h`, `2h30m`' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -l since -d 'The window\'s start: a duration ago (`3h`) or an RFC 3339 time (`2026-11-25T10:00:00Z`)' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -l until -d 'The window\'s end (default: now), as for `--since`' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -l filter-expression -d 'Only the traces that match this X-Ray filter expression, e.g. `service("backend-flask")`' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from traces" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -l since -d 'Under Transaction Search: the start of the window searched, a duration ago (`3h`) or an RFC 3339 time (default: from the time in the id, else the last 3 hours)' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -l until -d 'Under Transaction Search: the end of the window searched (default: now)' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -l timeout -d 'Under Transaction Search: how long to wait for the retrieval to complete' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -l trace-format -d 'Under Transaction Search: the documents to retrieve, X-Ray segments or OpenTelemetry spans' -r -f -a "xray\t''
otel\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from trace" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -l indexing-percentage -d 'With --enable: the percentage of spans X-Ray indexes as trace summaries, 0 to 100 [default: 1, the free share]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -l spans-retention-days -d 'With --enable: how long `aws/spans` keeps spans: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -l wait -d 'With --enable: how long to wait for the destination to become ACTIVE' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -l enable -d 'Turn Transaction Search on (or make sure it is)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -l disable -d 'Send trace segments back to X-Ray (the resource policy stays)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from transaction-search" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -l service -d 'The service name of the span (default: OTEL_SERVICE_NAME, else service.name in OTEL_RESOURCE_ATTRIBUTES, else `o11y-test-span`)' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -l timeout -d 'How long to wait for the span to arrive' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -l daemon -d 'Send one segment over UDP to the X-Ray daemon instead [env: AWS_XRAY_DAEMON_ADDRESS, default 127.0.0.1:2000]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -l no-wait -d 'Stop after sending; do not read the span back'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from test-span" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "groups" -d 'List X-Ray groups'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "create-group" -d 'Ensure an X-Ray group exists as described'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "delete-group" -d 'Delete an X-Ray group'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "sampling-rules" -d 'List X-Ray sampling rules'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "create-sampling-rule" -d 'Ensure a sampling rule exists as described in a file'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "delete-sampling-rule" -d 'Delete an X-Ray sampling rule'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "service-graph" -d 'Show the X-Ray service graph of a time window'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "traces" -d 'List the traces of a time window'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "trace" -d 'Draw one trace as a waterfall'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "transaction-search" -d 'Show X-Ray Transaction Search, or turn it on or off'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "test-span" -d 'Send one test span to X-Ray\'s OTLP endpoint (or a segment through the daemon) and read it back'
complete -c o11y -n "__fish_o11y_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -s h -l help -d 'Print help'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -f -a "tail" -d 'Show log events: the history, then with `--follow` new events as they arrive'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -f -a "groups" -d 'List log groups with their retention, stored bytes and creation time'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -f -a "create-group" -d 'Ensure a log group exists, with the given retention'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -f -a "delete-group" -d 'Delete a log group and all its events'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -f -a "put" -d 'Write one event to a log group, then find it again'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -f -a "query" -d 'Run a Logs Insights query and print its results as a table'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and not __fish_seen_subcommand_from tail groups create-group delete-group put query help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l since -d 'Start: a duration ago (`10m`, `2h`, `1d`) or an RFC 3339 time' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l until -d 'End of the history (default: now); not with `--follow`' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l filter-pattern -d 'Only events that match this CloudWatch Logs filter pattern, e.g. `ERROR` or `"connection refused"`' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l stream-prefix -d 'Only streams whose names start with this' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l format -d 'Text layout: `detailed` shows the stream (and the group, with several), `short` only time and message' -r -f -a "short\t''
detailed\t''"
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -s f -l follow -d 'Keep showing new events as they arrive, until Ctrl-C'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l utc -d 'Show times in UTC instead of the local time zone'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l live -d 'With `--follow`: after the history, stream new events through a Live Tail session (StartLiveTail, at most 10 groups) instead of polling. Live Tail is billed per session-minute: a follow left open for an hour is 60 session-minutes. Falls back to polling where Live Tail is unavailable'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from tail" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from groups" -l prefix -d 'Only groups whose names start with this' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from groups" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from groups" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from groups" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from groups" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from groups" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from groups" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from groups" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from groups" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from create-group" -l retention-days -d 'How long to keep events: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from create-group" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from create-group" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from create-group" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from create-group" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from create-group" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from create-group" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from create-group" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from create-group" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from delete-group" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from delete-group" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from delete-group" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from delete-group" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from delete-group" -l if-exists -d 'Succeed (exit 0) when there is no such group'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from delete-group" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from delete-group" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from delete-group" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from delete-group" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -l stream -d 'The log stream, created when missing [default: o11y-<hostname>]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -l timeout -d 'How long to look for the event before giving up' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -l no-wait -d 'Write the event and stop: do not look for it'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -l otlp -d 'Send it through CloudWatch Logs\' OTLP endpoint (/v1/logs, SigV4 `logs`) instead of PutLogEvents'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from put" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -l query-file -d 'Read the query from this file instead (then every positional argument is a log group)' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -l since -d 'Start of the window: a duration ago (`15m`, `1h`, `1d`) or an RFC 3339 time' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -l until -d 'End of the window (default: now)' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -l limit -d 'The most rows the query returns (1 to 100000; the service\'s default when absent)' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "tail" -d 'Show log events: the history, then with `--follow` new events as they arrive'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "groups" -d 'List log groups with their retention, stored bytes and creation time'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "create-group" -d 'Ensure a log group exists, with the given retention'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "delete-group" -d 'Delete a log group and all its events'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "put" -d 'Write one event to a log group, then find it again'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "query" -d 'Run a Logs Insights query and print its results as a table'
complete -c o11y -n "__fish_o11y_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -l api-key -d 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -l api-endpoint -d 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -s h -l help -d 'Print help'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -f -a "whoami" -d 'Show the team and environment of the Honeycomb key, its kind and its permissions'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -f -a "datasets" -d 'List the datasets of the key\'s environment'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -f -a "marker" -d 'Add a marker (a deploy, an incident) to a dataset\'s graphs, or to the whole environment'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -f -a "test-span" -d 'Send one test span the way the app\'s OpenTelemetry exporter would, then confirm it arrived'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and not __fish_seen_subcommand_from whoami datasets marker test-span help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -l api-key -d 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -l api-endpoint -d 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from whoami" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l api-key -d 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l api-endpoint -d 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s m -l message -d 'What happened (shown on the graph)' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s t -l type -d 'Groups markers: every marker of one type has the same colour (`deploy`, `incident` ...)' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s u -l url -d 'A link opened when the marker is clicked (the build, the pull request)' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l api-key -d 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l api-endpoint -d 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -l service -d 'The service.name of the span (default: OTEL_SERVICE_NAME)' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -l timeout -d 'How long to wait for the span to arrive' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -l api-key -d 'Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span` uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -l api-endpoint -d 'Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -l no-wait -d 'Send only: do not wait for the span to arrive'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from test-span" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "whoami" -d 'Show the team and environment of the Honeycomb key, its kind and its permissions'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "datasets" -d 'List the datasets of the key\'s environment'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "marker" -d 'Add a marker (a deploy, an incident) to a dataset\'s graphs, or to the whole environment'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "test-span" -d 'Send one test span the way the app\'s OpenTelemetry exporter would, then confirm it arrived'
complete -c o11y -n "__fish_o11y_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -l access-token -d 'A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -l api-endpoint -d 'Rollbar\'s API base URL' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -s h -l help -d 'Print help'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -f -a "report" -d 'Report a test message (or, with --exception, an error) to Rollbar, then find it again'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -f -a "deploy" -d 'Tell Rollbar about a deploy'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and not __fish_seen_subcommand_from report deploy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l level -d 'The item\'s level' -r -f -a "critical\t''
error\t''
warning\t''
info\t''
debug\t''"
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l environment -d 'The environment the item belongs to' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l exception -d 'Report an error of this class (a `trace` item) instead of a plain message' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l timeout -d 'How long to wait for Rollbar to process the occurrence (needs ROLLBAR_READ_ACCESS_TOKEN)' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l access-token -d 'A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l api-endpoint -d 'Rollbar\'s API base URL' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l no-wait -d 'Send only: do not look for the occurrence'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from report" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l revision -d 'The revision deployed: a commit SHA or a version [default: `git rev-parse HEAD`]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l environment -d 'The environment deployed to' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l status -d 'The deploy\'s status' -r -f -a "started\t''
succeeded\t''
failed\t''
timed_out\t''"
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l comment -d 'A comment on the deploy (what is being deployed)' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l user -d 'Who deployed: the local user name (Rollbar\'s local_username)' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l rollbar-user -d 'Who deployed, as a Rollbar user name (Rollbar\'s rollbar_username)' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l access-token -d 'A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l api-endpoint -d 'Rollbar\'s API base URL' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from help" -f -a "report" -d 'Report a test message (or, with --exception, an error) to Rollbar, then find it again'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Tell Rollbar about a deploy'
complete -c o11y -n "__fish_o11y_using_subcommand rollbar; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -l file -d 'The manifest, for its secrets sink [default: o11y.toml, when there is one]' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -l env -d 'The manifest\'s environment (`[environments.NAME]`), or `all` for every environment and region at once' -r
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -f -a "test" -d 'Send one item per signal through the app\'s own OpenTelemetry settings and read each back where it went'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and not __fish_seen_subcommand_from test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -l signal -d 'Which signal to test: traces, logs, metrics, or all the app exports' -r -f -a "traces\t''
logs\t''
metrics\t''
all\t''"
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -l timeout -d 'How long each read-back may wait' -r
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -l file -d 'The manifest: its backends (where a collector\'s items are looked for) and its secrets sink [default: o11y.toml, when there is one]' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -l env -d 'The manifest\'s environment (`[environments.NAME]`), or `all` for every environment and region at once' -r
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -l no-wait -d 'Send only: do not read the items back'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from help" -f -a "test" -d 'Send one item per signal through the app\'s own OpenTelemetry settings and read each back where it went'
complete -c o11y -n "__fish_o11y_using_subcommand otel; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand setup" -l file -d 'The manifest' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand setup" -l rotate -d 'Replace this key or token (by its name in o11y.toml): create a new one, store it in the secrets sink, then disable the old one (a Rollbar token: delete it, as Rollbar\'s API cannot disable one). May be given more than once' -r
complete -c o11y -n "__fish_o11y_using_subcommand setup" -l parallelism -d 'How many resources are read and ensured at once (each kind after the ones it needs: a log group\'s streams after it, Transaction Search\'s resource policy before its destination, a Honeycomb environment before its keys, a calculated field before its SLO, a Rollbar project before its tokens)' -r
complete -c o11y -n "__fish_o11y_using_subcommand setup" -l env -d 'The manifest\'s environment (`[environments.NAME]`), or `all` for every environment and region at once' -r
complete -c o11y -n "__fish_o11y_using_subcommand setup" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand setup" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand setup" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand setup" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand setup" -l dry-run -d 'Read and compare only: report what would change and make no write call'
complete -c o11y -n "__fish_o11y_using_subcommand setup" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand setup" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand setup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand setup" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -l file -d 'The manifest [default: o11y.toml, when there is one]' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -l timeout -d 'With --send-test: how long each read-back may wait' -r
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -l parallelism -d 'How many resources the manifest checks read at once' -r
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -l env -d 'The manifest\'s environment (`[environments.NAME]`), or `all` for every environment and region at once' -r
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -l send-test -d 'Also send one test item to each configured backend and read it back (X-Ray span, Honeycomb span, CloudWatch Logs event, Rollbar item, one OpenTelemetry item per signal the app names), all at once; one row each with the delay or the failure'
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l revision -d 'The revision deployed: a commit SHA or a version [default: `git rev-parse HEAD`]' -r
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l environment -d 'The environment deployed to [default with --env: that environment\'s `[rollbar] environment`]' -r
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l status -d 'The deploy\'s status (Rollbar): started, succeeded, failed or timed_out' -r -f -a "started\t''
succeeded\t''
failed\t''
timed_out\t''"
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l url -d 'A link for the marker (the CI job, the pull request)' -r
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l deploy-id -d 'Update the status of this Rollbar deploy (from an earlier `o11y deploy`) instead of recording one' -r
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l file -d 'The manifest [default: o11y.toml, when there is one]' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l env -d 'The manifest\'s environment (`[environments.NAME]`), or `all` for every environment and region at once' -r
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand deploy" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand env" -l format -d 'How to write it: `dotenv` (NAME=value), `shell` (export NAME="value") or `compose` (an `environment:` block)' -r -f -a "dotenv\t''
shell\t''
compose\t''"
complete -c o11y -n "__fish_o11y_using_subcommand env" -l file -d 'The manifest' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand env" -l env -d 'The manifest\'s environment (`[environments.NAME]`), or `all` for every environment and region at once' -r
complete -c o11y -n "__fish_o11y_using_subcommand env" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand env" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand env" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand env" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand env" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand env" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand env" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand init" -l file -d 'The manifest to write (rule files go to json/ beside it)' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand init" -l prefix -d 'Only the log groups whose name starts with this' -r
complete -c o11y -n "__fish_o11y_using_subcommand init" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand init" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand init" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand init" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand init" -l force -d 'Replace an existing manifest and rule files'
complete -c o11y -n "__fish_o11y_using_subcommand init" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand init" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand init" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -s h -l help -d 'Print help'
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -f -a "cloudformation" -d 'The AWS part of the manifest as a CloudFormation template'
complete -c o11y -n "__fish_o11y_using_subcommand export; and not __fish_seen_subcommand_from cloudformation help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -l file -d 'The manifest' -r -F
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -l env -d 'The manifest\'s environment (`[environments.NAME]`), or `all` for every environment and region at once' -r
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from cloudformation" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "cloudformation" -d 'The AWS part of the manifest as a CloudFormation template'
complete -c o11y -n "__fish_o11y_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand completions" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand completions" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand completions" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand completions" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand completions" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand completions" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c o11y -n "__fish_o11y_using_subcommand completions" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand man" -s o -l output -d 'Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)' -r -f -a "table\t''
json\t''
dot\t''"
complete -c o11y -n "__fish_o11y_using_subcommand man" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile\'s region]' -r
complete -c o11y -n "__fish_o11y_using_subcommand man" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]' -r
complete -c o11y -n "__fish_o11y_using_subcommand man" -l endpoint-url -d 'Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c o11y -n "__fish_o11y_using_subcommand man" -l no-color -d 'Never colour the output (colour is used only on a terminal) [env: NO_COLOR]'
complete -c o11y -n "__fish_o11y_using_subcommand man" -s v -l verbose -d 'Show what is being called, on stderr (never a secret)'
complete -c o11y -n "__fish_o11y_using_subcommand man" -s h -l help -d 'Print help'
complete -c o11y -n "__fish_o11y_using_subcommand man" -s V -l version -d 'Print version'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "xray" -d 'AWS X-Ray: groups, sampling rules, the service graph, traces, Transaction Search, a test span'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "logs" -d 'CloudWatch Logs: tail (history, --follow, --live), Insights queries, one test event, log groups'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "honeycomb" -d 'Honeycomb: which team and environment a key belongs to, datasets, markers, a test span'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "rollbar" -d 'Rollbar: report a test message or error, record a deploy'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "otel" -d 'OpenTelemetry: what the app\'s exporters do per signal (traces, logs, metrics); `otel test` sends one item each and reads it back'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "setup" -d 'Make the services match the manifest (o11y.toml)'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "doctor" -d 'Check the whole observability setup and say what to fix'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "deploy" -d 'Record a deploy everywhere configured: a Honeycomb marker and a Rollbar deploy'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "env" -d 'Print the app\'s environment for this manifest (secrets as ${NAME} references)'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "init" -d 'Write o11y.toml from what the account and the keys already have'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "export" -d 'Export the manifest\'s AWS part as a CloudFormation template'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "man" -d 'Print the man page (roff) of o11y, as committed in `man/o11y.1`, or of one command (`man/o11y-setup.1`)'
complete -c o11y -n "__fish_o11y_using_subcommand help; and not __fish_seen_subcommand_from xray logs honeycomb rollbar otel setup doctor deploy env init export completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "groups" -d 'List X-Ray groups'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "create-group" -d 'Ensure an X-Ray group exists as described'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "delete-group" -d 'Delete an X-Ray group'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "sampling-rules" -d 'List X-Ray sampling rules'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "create-sampling-rule" -d 'Ensure a sampling rule exists as described in a file'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "delete-sampling-rule" -d 'Delete an X-Ray sampling rule'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "service-graph" -d 'Show the X-Ray service graph of a time window'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "traces" -d 'List the traces of a time window'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "trace" -d 'Draw one trace as a waterfall'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "transaction-search" -d 'Show X-Ray Transaction Search, or turn it on or off'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "test-span" -d 'Send one test span to X-Ray\'s OTLP endpoint (or a segment through the daemon) and read it back'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "tail" -d 'Show log events: the history, then with `--follow` new events as they arrive'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "groups" -d 'List log groups with their retention, stored bytes and creation time'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "create-group" -d 'Ensure a log group exists, with the given retention'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "delete-group" -d 'Delete a log group and all its events'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "put" -d 'Write one event to a log group, then find it again'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "query" -d 'Run a Logs Insights query and print its results as a table'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from honeycomb" -f -a "whoami" -d 'Show the team and environment of the Honeycomb key, its kind and its permissions'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from honeycomb" -f -a "datasets" -d 'List the datasets of the key\'s environment'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from honeycomb" -f -a "marker" -d 'Add a marker (a deploy, an incident) to a dataset\'s graphs, or to the whole environment'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from honeycomb" -f -a "test-span" -d 'Send one test span the way the app\'s OpenTelemetry exporter would, then confirm it arrived'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from rollbar" -f -a "report" -d 'Report a test message (or, with --exception, an error) to Rollbar, then find it again'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from rollbar" -f -a "deploy" -d 'Tell Rollbar about a deploy'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from otel" -f -a "test" -d 'Send one item per signal through the app\'s own OpenTelemetry settings and read each back where it went'
complete -c o11y -n "__fish_o11y_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "cloudformation" -d 'The AWS part of the manifest as a CloudFormation template'
