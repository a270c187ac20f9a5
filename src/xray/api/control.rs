//! The control plane: groups and sampling rules (GetGroups, GetGroup, CreateGroup, UpdateGroup, DeleteGroup,
//! GetSamplingRules, CreateSamplingRule, UpdateSamplingRule, DeleteSamplingRule, ListTagsForResource).

use std::collections::BTreeMap;

use aws_sdk_xray::types as sdk;
use serde::{Deserialize, Serialize};

use super::client::{next_token, rfc3339, XrayApi};
use crate::aws::{api_error, is_not_found};
use crate::error::{Error, Result};

/// An X-Ray group, as `GetGroup` / `GetGroups` describe it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    #[serde(rename = "GroupName")]
    pub name: String,
    #[serde(rename = "GroupARN", skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(rename = "FilterExpression", skip_serializing_if = "Option::is_none")]
    pub filter_expression: Option<String>,
    #[serde(rename = "InsightsConfiguration")]
    pub insights: Insights,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Insights {
    #[serde(rename = "InsightsEnabled")]
    pub insights_enabled: bool,
    #[serde(rename = "NotificationsEnabled")]
    pub notifications_enabled: bool,
}

impl Insights {
    fn from_sdk(c: Option<&sdk::InsightsConfiguration>) -> Self {
        Insights {
            insights_enabled: c.and_then(|c| c.insights_enabled()).unwrap_or(false),
            notifications_enabled: c.and_then(|c| c.notifications_enabled()).unwrap_or(false),
        }
    }

    fn to_sdk(self) -> sdk::InsightsConfiguration {
        sdk::InsightsConfiguration::builder()
            .insights_enabled(self.insights_enabled)
            .notifications_enabled(self.notifications_enabled)
            .build()
    }
}

impl Group {
    fn from_sdk(g: &sdk::Group) -> Self {
        Group {
            name: g.group_name().unwrap_or_default().to_string(),
            arn: g.group_arn().map(str::to_string),
            filter_expression: g.filter_expression().map(str::to_string),
            insights: Insights::from_sdk(g.insights_configuration()),
        }
    }

    fn from_summary(g: &sdk::GroupSummary) -> Self {
        Group {
            name: g.group_name().unwrap_or_default().to_string(),
            arn: g.group_arn().map(str::to_string),
            filter_expression: g.filter_expression().map(str::to_string),
            insights: Insights::from_sdk(g.insights_configuration()),
        }
    }
}

/// A sampling rule in the service's own field names. It is also the shape of `--file` (unknown fields refused).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamplingRule {
    #[serde(rename = "RuleName")]
    pub rule_name: String,
    #[serde(rename = "RuleARN", default, skip_serializing_if = "Option::is_none")]
    pub rule_arn: Option<String>,
    #[serde(rename = "ResourceARN")]
    pub resource_arn: String,
    #[serde(rename = "Priority")]
    pub priority: i64,
    #[serde(rename = "FixedRate")]
    pub fixed_rate: f64,
    #[serde(rename = "ReservoirSize")]
    pub reservoir_size: i64,
    #[serde(rename = "ServiceName")]
    pub service_name: String,
    #[serde(rename = "ServiceType")]
    pub service_type: String,
    #[serde(rename = "Host")]
    pub host: String,
    #[serde(rename = "HTTPMethod")]
    pub http_method: String,
    #[serde(rename = "URLPath")]
    pub url_path: String,
    #[serde(rename = "Version")]
    pub version: i64,
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub attributes: BTreeMap<String, String>,
    #[serde(
        rename = "SamplingRateBoost",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sampling_rate_boost: Option<SamplingRateBoost>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamplingRateBoost {
    #[serde(rename = "MaxRate")]
    pub max_rate: f64,
    #[serde(rename = "CooldownWindowMinutes")]
    pub cooldown_window_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

/// A sampling rule with the times the service keeps for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SamplingRuleRecord {
    #[serde(rename = "SamplingRule")]
    pub rule: SamplingRule,
    #[serde(rename = "CreatedAt", skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(rename = "ModifiedAt", skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<String>,
}

impl SamplingRule {
    fn from_sdk(r: &sdk::SamplingRule) -> Self {
        SamplingRule {
            rule_name: r.rule_name().unwrap_or_default().to_string(),
            rule_arn: r.rule_arn().map(str::to_string),
            resource_arn: r.resource_arn().to_string(),
            priority: r.priority().into(),
            fixed_rate: r.fixed_rate(),
            reservoir_size: r.reservoir_size().into(),
            service_name: r.service_name().to_string(),
            service_type: r.service_type().to_string(),
            host: r.host().to_string(),
            http_method: r.http_method().to_string(),
            url_path: r.url_path().to_string(),
            version: r.version().into(),
            attributes: r
                .attributes()
                .map(|a| a.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default(),
            sampling_rate_boost: r.sampling_rate_boost().map(|b| SamplingRateBoost {
                max_rate: b.max_rate(),
                cooldown_window_minutes: b.cooldown_window_minutes().into(),
            }),
        }
    }

    /// The values were validated (see `rule_file`), so the narrowing casts cannot truncate.
    fn to_sdk(&self) -> Result<sdk::SamplingRule> {
        sdk::SamplingRule::builder()
            .rule_name(&self.rule_name)
            .resource_arn(&self.resource_arn)
            .priority(self.priority as i32)
            .fixed_rate(self.fixed_rate)
            .reservoir_size(self.reservoir_size as i32)
            .service_name(&self.service_name)
            .service_type(&self.service_type)
            .host(&self.host)
            .http_method(&self.http_method)
            .url_path(&self.url_path)
            .version(self.version as i32)
            .set_attributes(self.sdk_attributes())
            .set_sampling_rate_boost(self.sampling_rate_boost.map(boost_to_sdk))
            .build()
            .map_err(|e| Error::failed(format!("could not build the sampling rule: {e}")))
    }

    fn sdk_attributes(&self) -> Option<std::collections::HashMap<String, String>> {
        (!self.attributes.is_empty()).then(|| self.attributes.clone().into_iter().collect())
    }
}

fn boost_to_sdk(b: SamplingRateBoost) -> sdk::SamplingRateBoost {
    sdk::SamplingRateBoost::builder()
        .max_rate(b.max_rate)
        .cooldown_window_minutes(b.cooldown_window_minutes as i32)
        .build()
}

impl SamplingRuleRecord {
    fn from_sdk(r: &sdk::SamplingRuleRecord) -> Option<Self> {
        Some(SamplingRuleRecord {
            rule: SamplingRule::from_sdk(r.sampling_rule()?),
            created_at: rfc3339(r.created_at()),
            modified_at: rfc3339(r.modified_at()),
        })
    }
}

/// The sampling-rule fields `UpdateSamplingRule` can change (everything but the name and `Version`).
pub const UPDATABLE_RULE_FIELDS: [&str; 11] = [
    "ResourceARN",
    "Priority",
    "FixedRate",
    "ReservoirSize",
    "ServiceName",
    "ServiceType",
    "Host",
    "HTTPMethod",
    "URLPath",
    "Attributes",
    "SamplingRateBoost",
];

impl XrayApi {
    /// Every group, following every `NextToken`.
    pub async fn groups(&self) -> Result<Vec<Group>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .get_groups()
                .set_next_token(token)
                .send()
                .await
                .map_err(api_error)?;
            out.extend(page.groups().iter().map(Group::from_summary));
            token = next_token(page.next_token());
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    /// One group by name, or `None` when the service says it does not exist.
    pub async fn group(&self, name: &str) -> Result<Option<Group>> {
        match self.client.get_group().group_name(name).send().await {
            Ok(out) => Ok(out.group().map(Group::from_sdk)),
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(api_error(e)),
        }
    }

    pub async fn create_group(
        &self,
        name: &str,
        filter_expression: &str,
        insights: Insights,
    ) -> Result<Group> {
        let out = self
            .client
            .create_group()
            .group_name(name)
            .filter_expression(filter_expression)
            .insights_configuration(insights.to_sdk())
            .send()
            .await
            .map_err(api_error)?;
        out.group()
            .map(Group::from_sdk)
            .ok_or_else(|| Error::failed("CreateGroup returned no group"))
    }

    /// Change only what is given.
    pub async fn update_group(
        &self,
        name: &str,
        filter_expression: Option<&str>,
        insights: Option<Insights>,
    ) -> Result<Group> {
        let out = self
            .client
            .update_group()
            .group_name(name)
            .set_filter_expression(filter_expression.map(str::to_string))
            .set_insights_configuration(insights.map(Insights::to_sdk))
            .send()
            .await
            .map_err(api_error)?;
        out.group()
            .map(Group::from_sdk)
            .ok_or_else(|| Error::failed("UpdateGroup returned no group"))
    }

    /// `Ok(false)` when there was no such group.
    pub async fn delete_group(&self, name: &str) -> Result<bool> {
        match self.client.delete_group().group_name(name).send().await {
            Ok(_) => Ok(true),
            Err(e) if is_not_found(&e) => Ok(false),
            Err(e) => Err(api_error(e)),
        }
    }

    /// Every sampling rule, following every `NextToken`.
    pub async fn sampling_rules(&self) -> Result<Vec<SamplingRuleRecord>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .get_sampling_rules()
                .set_next_token(token)
                .send()
                .await
                .map_err(api_error)?;
            out.extend(
                page.sampling_rule_records()
                    .iter()
                    .filter_map(SamplingRuleRecord::from_sdk),
            );
            token = next_token(page.next_token());
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    pub async fn create_sampling_rule(
        &self,
        rule: &SamplingRule,
        tags: &[Tag],
    ) -> Result<SamplingRuleRecord> {
        let tags = tags
            .iter()
            .map(|t| sdk::Tag::builder().key(&t.key).value(&t.value).build())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::failed(format!("could not build a tag: {e}")))?;
        let out = self
            .client
            .create_sampling_rule()
            .sampling_rule(rule.to_sdk()?)
            .set_tags((!tags.is_empty()).then_some(tags))
            .send()
            .await
            .map_err(api_error)?;
        out.sampling_rule_record()
            .and_then(SamplingRuleRecord::from_sdk)
            .ok_or_else(|| Error::failed("CreateSamplingRule returned no rule"))
    }

    /// Send the `fields` (names from [`UPDATABLE_RULE_FIELDS`]) of `rule` to `UpdateSamplingRule`.
    pub async fn update_sampling_rule(
        &self,
        rule: &SamplingRule,
        fields: &[&str],
    ) -> Result<SamplingRuleRecord> {
        let has = |f: &str| fields.contains(&f);
        let update = sdk::SamplingRuleUpdate::builder()
            .rule_name(&rule.rule_name)
            .set_resource_arn(has("ResourceARN").then(|| rule.resource_arn.clone()))
            .set_priority(has("Priority").then_some(rule.priority as i32))
            .set_fixed_rate(has("FixedRate").then_some(rule.fixed_rate))
            .set_reservoir_size(has("ReservoirSize").then_some(rule.reservoir_size as i32))
            .set_service_name(has("ServiceName").then(|| rule.service_name.clone()))
            .set_service_type(has("ServiceType").then(|| rule.service_type.clone()))
            .set_host(has("Host").then(|| rule.host.clone()))
            .set_http_method(has("HTTPMethod").then(|| rule.http_method.clone()))
            .set_url_path(has("URLPath").then(|| rule.url_path.clone()))
            .set_attributes(
                has("Attributes").then(|| rule.attributes.clone().into_iter().collect()),
            )
            .set_sampling_rate_boost(if has("SamplingRateBoost") {
                rule.sampling_rate_boost.map(boost_to_sdk)
            } else {
                None
            })
            .build();
        let out = self
            .client
            .update_sampling_rule()
            .sampling_rule_update(update)
            .send()
            .await
            .map_err(api_error)?;
        out.sampling_rule_record()
            .and_then(SamplingRuleRecord::from_sdk)
            .ok_or_else(|| Error::failed("UpdateSamplingRule returned no rule"))
    }

    /// `ListTagsForResource`: the tags of a group or a sampling rule (by its ARN), following every `NextToken`.
    pub async fn tags(&self, arn: &str) -> Result<Vec<Tag>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .list_tags_for_resource()
                .resource_arn(arn)
                .set_next_token(token)
                .send()
                .await
                .map_err(api_error)?;
            out.extend(page.tags().iter().map(|t| Tag {
                key: t.key().to_string(),
                value: t.value().to_string(),
            }));
            token = next_token(page.next_token());
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    /// `Ok(false)` when there was no such rule.
    pub async fn delete_sampling_rule(&self, name: &str) -> Result<bool> {
        match self
            .client
            .delete_sampling_rule()
            .rule_name(name)
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if is_not_found(&e) => Ok(false),
            Err(e) => Err(api_error(e)),
        }
    }
}
