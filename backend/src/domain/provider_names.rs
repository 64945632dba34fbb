//! Which providers are one provider under two spellings: before providers had a URN they were
//! matched by name, so "Hillside Care Ltd" and "Hillside care limited" could both exist. A name's
//! key ignores case, punctuation, spacing, "&" against "and" and the legal ending (Ltd, Limited,
//! PLC, LLP). Providers with two different URNs are never one.

/// Legal endings that do not tell two providers apart.
const ENDINGS: [&str; 4] = ["ltd", "limited", "plc", "llp"];

/// The name as compared: lower case, words of letters and digits, "&" as "and", no legal ending.
pub fn key(name: &str) -> String {
    let spaced: String = name
        .to_lowercase()
        .replace('&', " and ")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| ENDINGS.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

/// A provider as the merge sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named<Id> {
    pub id: Id,
    pub name: String,
    pub urn: Option<String>,
}

/// What to do with one group of providers whose names have the same key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan<Id> {
    /// Keep `into` (the one with the URN, else the first given: the oldest), fold the others in.
    Merge { into: Id, others: Vec<Id> },
    /// Two different URNs: two registered providers that happen to share a name.
    DifferentUrns,
}

/// Groups of two or more providers by name key, in the order given (oldest first), each with its
/// plan.
pub fn plan<Id: Clone + Eq>(providers: &[Named<Id>]) -> Vec<(Vec<Named<Id>>, Plan<Id>)> {
    let mut groups: Vec<(String, Vec<Named<Id>>)> = Vec::new();
    for provider in providers {
        let k = key(&provider.name);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, members)) => members.push(provider.clone()),
            None => groups.push((k, vec![provider.clone()])),
        }
    }
    groups
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(_, members)| {
            let mut urns: Vec<&String> = members.iter().filter_map(|p| p.urn.as_ref()).collect();
            urns.dedup();
            urns.sort();
            urns.dedup();
            let plan = if urns.len() > 1 {
                Plan::DifferentUrns
            } else {
                let into = members
                    .iter()
                    .find(|p| p.urn.is_some())
                    .unwrap_or(&members[0])
                    .id
                    .clone();
                let others = members
                    .iter()
                    .filter(|p| p.id != into)
                    .map(|p| p.id.clone())
                    .collect();
                Plan::Merge { into, others }
            };
            (members, plan)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(id: u8, name: &str, urn: Option<&str>) -> Named<u8> {
        Named {
            id,
            name: name.to_owned(),
            urn: urn.map(str::to_owned),
        }
    }

    #[test]
    fn spellings_of_one_name_share_a_key_and_other_names_do_not() {
        for same in [
            "Hillside Care Limited",
            "hillside care ltd.",
            "Hillside  Care",
            "HILLSIDE CARE PLC",
        ] {
            assert_eq!(key(same), "hillside care", "{same}");
        }
        assert_eq!(key("Smith & Jones Ltd"), key("Smith and Jones"));
        assert_ne!(key("Hillside Care"), key("Hillside Homes"));
        assert_eq!(
            key("Limited"),
            "limited",
            "a name that is only an ending stays"
        );
    }

    #[test]
    fn a_group_keeps_the_provider_with_a_urn_and_two_urns_are_left_alone() {
        let providers = [
            named(1, "Hillside Care Limited", None),
            named(2, "Hillside Care Ltd", Some("SC498765")),
            named(3, "Orchard House", None),
            named(4, "hillside care", None),
            named(5, "Acme Ltd", Some("SC111111")),
            named(6, "ACME LIMITED", Some("SC222222")),
        ];
        let plans = plan(&providers);
        assert_eq!(plans.len(), 2, "Orchard House is alone");
        assert_eq!(
            plans[0].1,
            Plan::Merge {
                into: 2,
                others: vec![1, 4]
            }
        );
        assert_eq!(plans[1].1, Plan::DifferentUrns);
        let oldest = plan(&[named(7, "A Care", None), named(8, "A Care Ltd", None)]);
        assert_eq!(
            oldest[0].1,
            Plan::Merge {
                into: 7,
                others: vec![8]
            }
        );
    }
}
