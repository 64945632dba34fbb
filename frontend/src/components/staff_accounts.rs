use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::StaffMember;

/// The organisation's staff accounts, each with its role and a button to switch it off (every
/// sign-in it has ends at once) or on again.
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
    view! {
        <section aria-labelledby="staff-heading">
            <h2 id="staff-heading">{t("accounts.title")}</h2>
            <ErrorMessage failure=failure />
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || staff.get().map(|list| view! {
                    <ul class="queue">
                        {list.unwrap_or_default().into_iter().map(|member| {
                            let name = member.display_name.clone();
                            let state_words = t(if member.active { "accounts.on" } else { "accounts.off" });
                            let button = t(if member.active { "accounts.switch_off" } else { "accounts.switch_on" });
                            let role = t(&format!("accounts.role.{}", member.role.as_str()));
                            let details = format!("{role} · {} · {state_words}", member.email.clone().unwrap_or_default());
                            view! {
                                <li class="card">
                                    <p><strong>{name.clone()}</strong></p>
                                    <p class="small">{details}</p>
                                    <button type="button" class="button" aria-label=format!("{button}: {name}")
                                        on:click=move |_| switch(&member)>{button.clone()}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </Suspense>
        </section>
    }
}
