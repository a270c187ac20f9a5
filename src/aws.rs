//! AWS access in one place: the global `--region`, `--profile` and `--endpoint-url` flags become one
//! `SdkConfig` through `aws-config`, with the standard credential chain, the standard retry mode, and a fast
//! failure (not a long metadata-service wait) when no region or no credentials are configured.

use std::time::{Duration, Instant};

use aws_config::meta::region::RegionProviderChain;
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::ProvideCredentials;
use aws_sdk_xray::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::{HttpResponse, Metadata};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};

use crate::error::{source_chain, Error, Result};

/// Attempts for a single call, and for commands that page through many results (standard retry mode).
pub const ATTEMPTS: u32 = 3;
pub const PAGING_ATTEMPTS: u32 = 5;

/// The global AWS flags, shared by every AWS command.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "AWS options")]
pub struct AwsArgs {
    /// AWS region [env: AWS_REGION, AWS_DEFAULT_REGION, or the profile's region]
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// Named profile from ~/.aws/config and ~/.aws/credentials [env: AWS_PROFILE]
    #[arg(long, global = true, value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Send AWS requests to this URL instead (a local emulator or fake) [env: AWS_ENDPOINT_URL,
    /// AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// An environment of the manifest names the profile: its credentials come from that profile only (as the
    /// AWS CLI's `--profile`), never from AWS_ACCESS_KEY_ID, which belongs to whatever account the shell has.
    #[arg(skip)]
    pub profile_credentials_only: bool,
}

impl AwsArgs {
    /// `--profile`, else AWS_PROFILE.
    pub fn profile(&self) -> Option<String> {
        self.profile
            .clone()
            .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()))
    }

    /// Checks that need no network: a well-formed endpoint URL.
    pub fn validate(&self) -> Result<()> {
        if let Some(url) = &self.endpoint_url {
            check_url("--endpoint-url", url)?;
        }
        Ok(())
    }
}

/// An http(s) URL, or a usage error naming the flag.
pub fn check_url(flag: &str, url: &str) -> Result<reqwest::Url> {
    match reqwest::Url::parse(url) {
        Ok(u) if (u.scheme() == "http" || u.scheme() == "https") && u.host().is_some() => Ok(u),
        _ => Err(
            Error::usage(format!("{flag}: `{url}` is not an http(s) URL")).with_help(
                "give a full URL such as `http://127.0.0.1:5000` or `https://api.honeycomb.io`",
            ),
        ),
    }
}

/// Build the shared SDK configuration, resolving the region and credentials up front so that a missing one
/// is a clear error at once. Never consults the EC2 metadata service for the region; for credentials it is
/// the last link of the chain, tried once with short timeouts.
pub async fn load(args: &AwsArgs, verbose: bool) -> Result<SdkConfig> {
    let profile = args.profile();
    let region = region(args).await?;

    let imds = aws_config::imds::Client::builder()
        .max_attempts(1)
        .connect_timeout(Duration::from_millis(200))
        .read_timeout(Duration::from_millis(300))
        .operation_timeout(Duration::from_secs(1))
        .build();
    let chain = match (&profile, args.profile_credentials_only) {
        (Some(p), true) => aws_credential_types::provider::SharedCredentialsProvider::new(
            aws_config::profile::ProfileFileCredentialsProvider::builder()
                .profile_name(p)
                .build(),
        ),
        _ => {
            let mut chain =
                aws_config::default_provider::credentials::DefaultCredentialsChain::builder()
                    .region(region.clone())
                    .imds_client(imds);
            if let Some(p) = &profile {
                chain = chain.profile_name(p);
            }
            aws_credential_types::provider::SharedCredentialsProvider::new(chain.build().await)
        }
    };
    let started = Instant::now();
    let creds = chain.provide_credentials().await.map_err(|e| {
        if verbose {
            crate::output::verbose_line(&source_chain(&e));
        }
        Error::failed("no AWS credentials found (tried the environment, the profile, web identity, ECS and EC2 instance metadata)").with_help(
            "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (or `--profile`) naming a configured profile, or run `aws configure`",
        )
    })?;
    if verbose {
        crate::output::verbose_line(&format!(
            "region {region}, credentials for key {} found in {} ms{}",
            crate::secret::mask(creds.access_key_id()),
            started.elapsed().as_millis(),
            args.endpoint_url
                .as_deref()
                .map(|u| format!(", endpoint {u}"))
                .unwrap_or_default()
        ));
    }

    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(region)
        .credentials_provider(Prefetched {
            first: std::sync::Mutex::new(Some(creds)),
            chain,
        })
        .retry_config(RetryConfig::standard().with_max_attempts(ATTEMPTS));
    if let Some(p) = &profile {
        loader = loader.profile_name(p);
    }
    if let Some(url) = &args.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    Ok(loader.load().await)
}

/// The credential chain, handing out the credentials that [`load`] resolved to check them, so that a run
/// resolves them once (an SSO profile or the metadata service would otherwise be asked twice). Once they
/// are about to expire, calls go to the chain.
#[derive(Debug)]
struct Prefetched {
    first: std::sync::Mutex<Option<aws_credential_types::Credentials>>,
    chain: aws_credential_types::provider::SharedCredentialsProvider,
}

impl ProvideCredentials for Prefetched {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        // Kept while valid (five minutes to spare), so that a second user of the configuration (the SigV4
        // signer of `xray test-span`, beside the SDK clients) does not ask the chain again.
        let fresh = |c: &aws_credential_types::Credentials| {
            c.expiry()
                .is_none_or(|e| e > std::time::SystemTime::now() + Duration::from_secs(300))
        };
        match self
            .first
            .lock()
            .ok()
            .and_then(|f| f.as_ref().filter(|c| fresh(c)).cloned())
        {
            Some(c) => aws_credential_types::provider::future::ProvideCredentials::ready(Ok(c)),
            None => self.chain.provide_credentials(),
        }
    }
}

/// The run's credentials (resolved once by [`load`]), for signing a request outside the SDK clients.
pub async fn credentials(sdk: &SdkConfig) -> Result<aws_credential_types::Credentials> {
    let provider = sdk
        .credentials_provider()
        .ok_or_else(|| Error::failed("no AWS credentials are configured"))?;
    provider.provide_credentials().await.map_err(|e| {
        Error::failed(format!(
            "could not load AWS credentials: {}",
            source_chain(&e)
        ))
    })
}

/// The region from `--region`, AWS_REGION / AWS_DEFAULT_REGION, or the profile; never the metadata service.
pub async fn region(args: &AwsArgs) -> Result<Region> {
    resolve_region(args.region.clone(), args.profile().as_deref()).await.ok_or_else(|| {
        Error::usage("no AWS region is configured").with_help(
            "pass `--region us-east-1`, or set AWS_REGION (or AWS_DEFAULT_REGION), or `region` in your AWS profile",
        )
    })
}

async fn resolve_region(flag: Option<String>, profile: Option<&str>) -> Option<Region> {
    let mut profile_region = aws_config::profile::ProfileFileRegionProvider::builder();
    if let Some(p) = profile {
        profile_region = profile_region.profile_name(p);
    }
    RegionProviderChain::first_try(flag.filter(|r| !r.is_empty()).map(Region::new))
        .or_else(aws_config::environment::EnvironmentVariableRegionProvider::new())
        .or_else(profile_region.build())
        .region()
        .await
}

/// The retry settings for a client: the standard mode, with more attempts where a command pages.
pub fn retry(attempts: u32) -> RetryConfig {
    RetryConfig::standard().with_max_attempts(attempts)
}

/// Translate an SDK error into o11y's error: the service's own code and message
/// (`InvalidRequestException: Group already exists`), or what went wrong on the way.
pub fn api_error<E>(err: SdkError<E, HttpResponse>) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match &err {
        SdkError::ServiceError(se) => {
            let e = se.err();
            let Some(code) = e.code() else {
                let status = se.raw().status().as_u16();
                return Error::failed(format!("the endpoint answered HTTP {status} without an AWS error"))
                    .with_help("check that the endpoint (`--endpoint-url`, AWS_ENDPOINT_URL...) serves this API: moto, for one, has no X-Ray groups, sampling rules or service graph");
            };
            let message = e.message().unwrap_or("(no message)");
            let err = Error::failed(format!("{code}: {message}"));
            match code {
                "AccessDeniedException" | "AccessDenied" => {
                    err.with_help("the credentials in use lack the IAM permission for this call; check `aws sts get-caller-identity` and the role's policy")
                }
                "UnrecognizedClientException" | "InvalidClientTokenId" | "InvalidSignatureException"
                | "ExpiredTokenException" | "ExpiredToken" => err.with_help(
                    "check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the profile); refresh expired session credentials",
                ),
                "ThrottlingException" | "ThrottledException" | "TooManyRequestsException" => {
                    err.with_help("the service kept throttling after several retries; wait a little and run it again")
                }
                _ => err,
            }
        }
        SdkError::DispatchFailure(_) => Error::failed(format!("could not reach AWS: {}", source_chain(&err)))
            .with_help("check the endpoint (`--endpoint-url`, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS) and the network"),
        SdkError::TimeoutError(_) => Error::failed("the AWS request timed out").with_help("check the network and try again"),
        _ => Error::failed(source_chain(&err)),
    }
}

/// The account id of the credentials in use (STS GetCallerIdentity).
pub async fn account_id(sts: &aws_sdk_sts::Client) -> Result<String> {
    let out = sts.get_caller_identity().send().await.map_err(api_error)?;
    out.account
        .filter(|a| !a.is_empty())
        .ok_or_else(|| Error::failed("STS GetCallerIdentity answered without an account id"))
}

/// The ARN partition of a region: `aws-cn` in China, `aws-us-gov` in GovCloud, else `aws`.
pub fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else if region.starts_with("us-iso-") {
        "aws-iso"
    } else if region.starts_with("us-isob-") {
        "aws-iso-b"
    } else {
        "aws"
    }
}

/// Whether an error is the service saying the named resource does not exist.
pub fn is_not_found<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> bool {
    let Some(e) = err.as_service_error() else {
        return false;
    };
    match e.code() {
        Some("ResourceNotFoundException") => true,
        Some("InvalidRequestException") => {
            let m = e.message().unwrap_or_default().to_ascii_lowercase();
            m.contains("not found") || m.contains("does not exist") || m.contains("not exist")
        }
        _ => false,
    }
}

/// With `-v`: one stderr line per HTTP attempt (operation, method, URL, then status and time). It prints no
/// header, so neither a signature nor a session token.
#[derive(Debug)]
pub struct VerboseCalls;

#[derive(Debug, Clone)]
struct CallStart(Instant);
impl Storable for CallStart {
    type Storer = StoreReplace<Self>;
}

impl Intercept for VerboseCalls {
    fn name(&self) -> &'static str {
        "o11y-verbose"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        let op = cfg
            .load::<Metadata>()
            .map(|m| format!("{} {}", m.service(), m.name()))
            .unwrap_or_default();
        let req = context.request();
        crate::output::verbose_line(&format!("-> {op}: {} {}", req.method(), req.uri()));
        cfg.interceptor_state().store_put(CallStart(Instant::now()));
        Ok(())
    }

    fn read_after_transmit(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        let ms = cfg
            .load::<CallStart>()
            .map(|s| s.0.elapsed().as_millis())
            .unwrap_or_default();
        crate::output::verbose_line(&format!(
            "<- HTTP {} ({ms} ms)",
            context.response().status().as_u16()
        ));
        Ok(())
    }
}
