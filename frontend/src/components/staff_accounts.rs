use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{NewStaffMember, StaffMember};
use shared::Role;

/// Inviting someone: their name, email and role; they get an email with a link to choose their
/// password. `invited` is bumped when one is sent, so the list shows them.
#[component]
fn InviteStaff(invited: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::ParticipationOfficer);
    let provider = RwSignal::new(None::<uuid::Uuid>);
    // The council's providers, for a provider's account: read when that role is chosen.
    let providers = LocalResource::new(move || {
        let wanted = role.get() == Role::Provider;
        async move {
            if wanted {
                api::directory(state)
                    .await
                    .map(|d| d.providers)
                    .unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });
    let sent = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<Failure>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewStaffMember {
            display_name: name.get_untracked(),
            email: email.get_untracked(),
            role: role.get_untracked(),
            provider_id: (role.get_untracked() == Role::Provider)
                .then(|| provider.get_untracked())
                .flatten(),
        };
        spawn_local(async move {
            match api::invite_staff(state, &body).await {
                Ok(member) => {
                    failure.set(None);
                    sent.set(member.email);
                    name.set(String::new());
                    email.set(String::new());
                    invited.update(|v| *v += 1);
                }
                Err(f) => {
                    sent.set(None);
                    failure.set(Some(f));
                }
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate aria-labelledby="invite-staff-heading">
            <h3 id="invite-staff-heading">{t("accounts.invite_title")}</h3>
            <label for="invite-name">{t("accounts.invite_name")}</label>
            <input id="invite-name" autocomplete="off" required
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for="invite-email">{t("accounts.invite_email")}</label>
            <input id="invite-email" type="email" autocomplete="off" required
                prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
            <label for="invite-role">{t("accounts.invite_role")}</label>
            <select id="invite-role" on:change=move |ev| {
                if let Some(r) = Role::parse(&event_target_value(&ev)) { role.set(r) }
            }>
                {Role::ALL.into_iter().filter(|r| r.is_staff()).map(|r| view! {
                    <option value=r.as_str() selected=move || role.get() == r>{t(&format!("accounts.role.{}", r.as_str()))}</option>
                }).collect_view()}
            </select>
            {move || (role.get() == Role::Provider).then(|| view! {
                <label for="invite-provider">{t("accounts.invite_provider")}</label>
                <select id="invite-provider" on:change=move |ev| provider.set(uuid::Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="">{t("accounts.invite_provider_choose")}</option>
                    {move || providers.get().unwrap_or_default().into_iter().map(|p| view! {
                        <option value=p.id.to_string() selected=provider.get_untracked() == Some(p.id)>{p.name}</option>
                    }).collect_view()}
                </select>
            })}
            <ErrorMessage failure=failure />
            {move || sent.get().map(|to| view! { <p role="status">{t_with("accounts.invite_sent", &[("email", &to)])}</p> })}
            <button type="submit" class="button primary">{t("accounts.invite_submit")}</button>
        </form>
    }
}

/// The organisation's staff accounts, each with its role and a button to switch it off (every
/// sign-in it has ends at once) or on again; and inviting someone new.
#[component]
pub fn StaffAccounts() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let version = RwSignal::new(0u32);
    let staff = LocalResource::new(move || {
        version.track();
        api::staff(state)
    });
    let switch = move |member: &StaffMember| {
        let (id, on) = (member.id, !member.active);
        spawn_local(async move {
            let done = if on {
                api::reactivate_staff(state, id).await
            } else {
                api::deactivate_staff(state, id).await
            };
            match done {
                Ok(()) => {
                    failure.set(None);
                    version.update(|v| *v += 1);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let reset_done = RwSignal::new(None::<String>);
    let reset = move |member: &StaffMember| {
        let (id, name) = (member.id, member.display_name.clone());
        spawn_local(async move {
            match api::reset_second_factor(state, id).await {
                Ok(()) => {
                    failure.set(None);
                    reset_done.set(Some(name));
                    version.update(|v| *v += 1);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <section aria-labelledby="staff-heading">
            <h2 id="staff-heading">{t("accounts.title")}</h2>
            <InviteStaff invited=version />
            <ErrorMessage failure=failure />
            {move || reset_done.get().map(|name| view! {
                <p role="status">{t_with("accounts.reset_two_step_done", &[("name", &name)])}</p>
            })}
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || staff.get().map(|list| view! {
                    <ul class="queue">
                        {list.unwrap_or_default().into_iter().map(|member| {
                            let name = member.display_name.clone();
                            let state_words = t(if !member.active {
                                "accounts.off"
                            } else if member.invited {
                                "accounts.invited"
                            } else {
                                "accounts.on"
                            });
                            let button = t(if member.active { "accounts.switch_off" } else { "accounts.switch_on" });
                            let role = t(&format!("accounts.role.{}", member.role.as_str()));
                            let two_step = t(if member.second_factor { "accounts.two_step_on" } else { "accounts.two_step_off" });
                            let details = format!("{role} · {} · {state_words} · {two_step}", member.email.clone().unwrap_or_default());
                            let reset_label = t("accounts.reset_two_step");
                            let can_reset = member.second_factor.then(|| {
                                let member = member.clone();
                                view! {
                                    <button type="button" class="button" aria-label=format!("{reset_label}: {name}")
                                        on:click=move |_| reset(&member)>{reset_label.clone()}</button>
                                }
                            });
                            view! {
                                <li class="card">
                                    <p><strong>{name.clone()}</strong></p>
                                    <p class="small">{details}</p>
                                    <button type="button" class="button" aria-label=format!("{button}: {name}")
                                        on:click=move |_| switch(&member)>{button.clone()}</button>
                                    {can_reset}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </Suspense>
        </section>
    }
}
