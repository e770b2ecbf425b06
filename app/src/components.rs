//! Building blocks shared by the pages: the page frame with the role's menu, and form fields
//! that show their error beside them and keep what the person typed.

pub mod picker;

use crate::domain::{FieldErrors, Role};
use crate::islands::PasswordInput;
use leptos::prelude::*;

/// What the page frame needs to know about who is logged in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub name: String,
    pub role: Role,
    pub user_id: i32,
    /// The account's mark for writes kept offline (`server::offline`), on egresso pages:
    /// the phone shows only this account's kept writes and clears them when it logs out.
    pub queue_mark: Option<String>,
}

/// A link in a role's menu. Only features that exist appear here.
pub struct MenuItem {
    pub href: &'static str,
    pub label: &'static str,
    pub icon: Icon,
}

pub fn menu_for(role: Role) -> Vec<MenuItem> {
    let home = MenuItem {
        href: role.home_path(),
        label: "Início",
        icon: Icon::Home,
    };
    let jobs = MenuItem {
        href: "/vagas",
        label: "Vagas",
        icon: Icon::Work,
    };
    let services = MenuItem {
        href: "/servicos",
        label: "Serviços",
        icon: Icon::Place,
    };
    let courses = MenuItem {
        href: "/cursos",
        label: "Cursos",
        icon: Icon::Book,
    };
    match role {
        Role::Egresso => vec![
            home,
            jobs,
            courses,
            services,
            MenuItem {
                href: "/inicio/candidaturas",
                label: "Candidaturas",
                icon: Icon::Work,
            },
            MenuItem {
                href: "/inicio/salvas",
                label: "Salvas",
                icon: Icon::Work,
            },
            MenuItem {
                href: "/inicio/cursos",
                label: "Meus cursos",
                icon: Icon::Book,
            },
            MenuItem {
                href: "/inicio/plano",
                label: "Meu plano",
                icon: Icon::Checklist,
            },
            MenuItem {
                href: "/inicio/agenda",
                label: "Minha agenda",
                icon: Icon::Calendar,
            },
            MenuItem {
                href: "/conta/dispositivos",
                label: "Meus dispositivos",
                icon: Icon::Phone,
            },
            MenuItem {
                href: "/inicio/encaminhamentos",
                label: "Encaminhamentos",
                icon: Icon::Place,
            },
            MenuItem {
                href: "/inicio/perfil",
                label: "Meu perfil",
                icon: Icon::Person,
            },
            MenuItem {
                href: "/inicio/meus-dados",
                label: "Meus dados",
                icon: Icon::Person,
            },
        ],
        Role::Admin => vec![
            home,
            MenuItem {
                href: "/admin/contas",
                label: "Contas",
                icon: Icon::People,
            },
            MenuItem {
                href: "/admin/unidades",
                label: "Unidades",
                icon: Icon::Building,
            },
            MenuItem {
                href: "/admin/organizacoes",
                label: "Organizações",
                icon: Icon::Building,
            },
            MenuItem {
                href: "/admin/cursos",
                label: "Cursos",
                icon: Icon::Book,
            },
            MenuItem {
                href: "/admin/servicos",
                label: "Serviços e rede",
                icon: Icon::Place,
            },
            MenuItem {
                href: "/monitoramento",
                label: "Monitoramento",
                icon: Icon::Chart,
            },
            MenuItem {
                href: "/admin/linguagem",
                label: "Linguagem",
                icon: Icon::Speaker,
            },
        ],
        Role::Caseworker | Role::Coordinator => {
            let mut items = vec![home];
            if role == Role::Coordinator {
                items.push(MenuItem {
                    href: "/equipe/painel",
                    label: "Painel da unidade",
                    icon: Icon::Building,
                });
                items.push(MenuItem {
                    href: "/monitoramento",
                    label: "Monitoramento",
                    icon: Icon::Chart,
                });
                items.push(MenuItem {
                    href: "/equipe/empresas",
                    label: "Empresas",
                    icon: Icon::Building,
                });
                items.push(MenuItem {
                    href: "/equipe/contratacoes",
                    label: "Contratações a confirmar",
                    icon: Icon::Work,
                });
                items.push(MenuItem {
                    href: "/equipe/cotas",
                    label: "Cotas",
                    icon: Icon::Work,
                });
            }
            items.extend([
                MenuItem {
                    href: "/equipe/pessoas",
                    label: "Pessoas atendidas",
                    icon: Icon::People,
                },
                MenuItem {
                    href: "/equipe/agenda",
                    label: "Agenda",
                    icon: Icon::Calendar,
                },
                jobs,
                courses,
                services,
                MenuItem {
                    href: "/equipe/encaminhamentos",
                    label: "Encaminhamentos",
                    icon: Icon::People,
                },
                MenuItem {
                    href: "/equipe/inscricoes",
                    label: "Inscrições em cursos",
                    icon: Icon::Book,
                },
                MenuItem {
                    href: "/conta/dispositivos",
                    label: "Meus dispositivos",
                    icon: Icon::Phone,
                },
            ]);
            items
        }
        Role::Company => vec![
            home,
            MenuItem {
                href: "/empresa/vagas",
                label: "Minhas vagas",
                icon: Icon::Work,
            },
            MenuItem {
                href: "/empresa/contratos",
                label: "Contratos e cotas",
                icon: Icon::Building,
            },
            MenuItem {
                href: "/empresa/equipe",
                label: "Equipe da empresa",
                icon: Icon::People,
            },
            MenuItem {
                href: "/empresa/integracoes",
                label: "Integrações",
                icon: Icon::Key,
            },
        ],
        Role::Partner => vec![
            home,
            MenuItem {
                href: "/parceiro/encaminhamentos",
                label: "Encaminhamentos recebidos",
                icon: Icon::People,
            },
            MenuItem {
                href: "/parceiro/inscricoes",
                label: "Pedidos de inscrição",
                icon: Icon::Book,
            },
            MenuItem {
                href: "/parceiro/integracoes",
                label: "Integrações",
                icon: Icon::Key,
            },
        ],
    }
}

#[derive(Clone, Copy)]
pub enum Icon {
    Home,
    Person,
    People,
    Building,
    Exit,
    Work,
    Enter,
    Speaker,
    Book,
    Place,
    Phone,
    Calendar,
    Checklist,
    Chart,
    Key,
}

impl Icon {
    fn path(self) -> &'static str {
        match self {
            Icon::Home => "M3 11 12 3l9 8v10h-6v-6H9v6H3z",
            Icon::Chart => "M3 3h2v16h16v2H3zm4 9h3v6H7zm5-5h3v11h-3zm5 3h3v8h-3z",
            Icon::Person => {
                "M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm0 2c-5 0-9 2.5-9 6v2h18v-2c0-3.5-4-6-9-6z"
            }
            Icon::People => {
                "M8 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM8 13c-4 0-7 2-7 5v2h14v-2c0-3-3-5-7-5zm8 0c-.6 0-1.2 0-1.7.2 1.6 1.1 2.7 2.7 2.7 4.8v2h6v-2c0-3-3-5-7-5z"
            }
            Icon::Building => {
                "M4 21V3h10v4h6v14h-6v-4h-4v4zm3-15v2h2V6zm4 0v2h2V6zM7 10v2h2v-2zm4 0v2h2v-2zm5 1v2h2v-2zm0 4v2h2v-2z"
            }
            Icon::Exit => "M10 3H4v18h6v-2H6V5h4zm6 4-1.4 1.4 2.6 2.6H9v2h8.2l-2.6 2.6L16 17l5-5z",
            Icon::Speaker => {
                "M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"
            }
            Icon::Work => {
                "M9 3h6a2 2 0 0 1 2 2v2h3a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2h3V5a2 2 0 0 1 2-2zm0 4h6V5H9z"
            }
            Icon::Book => {
                "M4 3h6a3 3 0 0 1 2 .8A3 3 0 0 1 14 3h6v16h-6a2 2 0 0 0-2 2 2 2 0 0 0-2-2H4zm2 2v12h4a4 4 0 0 1 1 .1V6a1 1 0 0 0-1-1zm12 0h-4a1 1 0 0 0-1 1v11.1a4 4 0 0 1 1-.1h4z"
            }
            Icon::Place => {
                "M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5z"
            }
            Icon::Checklist => {
                "M4 4h4v4H4zm6 1h10v2H10zM4 10h4v4H4zm6 1h10v2H10zM4 16h4v4H4zm6 1h10v2H10z"
            }
            Icon::Calendar => {
                "M7 2h2v2h6V2h2v2h2a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2zM5 10v10h14V10zm2 2h4v4H7z"
            }
            Icon::Phone => {
                "M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.6 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.6 3.6a1 1 0 0 1-.25 1z"
            }
            Icon::Key => {
                "M12.65 10A6 6 0 1 0 12.65 14H17v4h4v-4h2v-4zM7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4z"
            }
            Icon::Enter => {
                "M14 3h6v18h-6v-2h4V5h-4zM8 7l1.4 1.4L6.8 11H15v2H6.8l2.6 2.6L8 17l-5-5z"
            }
        }
    }
}

/// Icons are always paired with a visible text label; the SVG itself is hidden from readers.
#[component]
pub fn IconSvg(icon: Icon) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d=icon.path()></path>
        </svg>
    }
}

/// The frame of every page: skip link, header with the person's name and menu, the content,
/// and the two ways out ("Sair", "Sair de todos os dispositivos").
#[component]
pub fn PageFrame(viewer: Option<Viewer>, children: Children) -> impl IntoView {
    // "Ouvir" (read aloud) on every page a person attended may see: public pages and their own.
    let read_aloud = viewer.as_ref().is_none_or(|v| v.role == Role::Egresso);
    let queue_mark = viewer.as_ref().and_then(|v| v.queue_mark.clone());
    let header = viewer.map(|v| {
        let items = menu_for(v.role)
            .into_iter()
            .map(|item| {
                view! {
                    <li>
                        <a href=item.href class="menu-link">
                            <IconSvg icon=item.icon/>
                            <span>{item.label}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <header class="top">
                <p class="brand">"Escritório Social Virtual"</p>
                <p class="who">"Olá, " <strong>{v.name}</strong></p>
                <nav aria-label="Menu principal">
                    <ul class="menu">{items}</ul>
                </nav>
            </header>
        }
    });
    let anonymous_header = header.is_none().then(|| {
        view! {
            <header class="top">
                <p class="brand">"Escritório Social Virtual"</p>
                <nav aria-label="Menu principal">
                    <ul class="menu">
                        <li><a href="/vagas" class="menu-link"><IconSvg icon=Icon::Work/><span>"Vagas"</span></a></li>
                        <li><a href="/cursos" class="menu-link"><IconSvg icon=Icon::Book/><span>"Cursos"</span></a></li>
                        <li><a href="/servicos" class="menu-link"><IconSvg icon=Icon::Place/><span>"Serviços"</span></a></li>
                        <li><a href="/entrar" class="menu-link"><IconSvg icon=Icon::Enter/><span>"Entrar"</span></a></li>
                    </ul>
                </nav>
            </header>
        }
    });
    let logged_in = anonymous_header.is_none();
    view! {
        <a class="skip" href="#conteudo">"Pular para o conteúdo"</a>
        {header}
        {anonymous_header}
        <main id="conteudo" tabindex="-1" data-fila-conta=queue_mark.clone()>
            {read_aloud.then(|| view! {
                <button type="button" class="secondary read-aloud" data-ouvir hidden aria-pressed="false">
                    <IconSvg icon=Icon::Speaker/>
                    <span>"Ouvir"</span>
                </button>
            })}
            {children()}
        </main>
        {logged_in.then(|| view! {
            <footer class="bottom">
                <form method="post" action="/sair" data-sair>
                    {queue_mark.clone().map(|m| view! { <input type="hidden" name="conta" value=m/> })}
                    <button type="submit" class="secondary">
                        <IconSvg icon=Icon::Exit/>
                        <span>"Sair"</span>
                    </button>
                </form>
                <form method="post" action="/sair-de-todos" data-sair>
                    {queue_mark.clone().map(|m| view! { <input type="hidden" name="conta" value=m/> })}
                    <button type="submit" class="secondary">
                        <IconSvg icon=Icon::Exit/>
                        <span>"Sair de todos os dispositivos"</span>
                    </button>
                </form>
            </footer>
        })}
    }
}

/// "Anterior · Página 2 de 9 · Próxima" under a result list (links: works without JavaScript).
#[component]
pub fn Pager(page: u64, pages: u64, prev: Option<String>, next: Option<String>) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Páginas">
                {prev.map(|href| view! { <a class="button-link secondary-link" href=href rel="prev">"Anterior"</a> })}
                <span>{format!("Página {page} de {pages}")}</span>
                {next.map(|href| view! { <a class="button-link secondary-link" href=href rel="next">"Próxima"</a> })}
            </nav>
        }
    })
}

/// A short list of what is wrong, at the top of a form, each linking to its field.
#[component]
pub fn ErrorSummary(errors: FieldErrors, general: Option<String>) -> impl IntoView {
    if errors.is_empty() && general.is_none() {
        return None;
    }
    let items = errors
        .iter()
        .map(|(field, message)| {
            let href = format!("#campo-{field}");
            let message = message.to_string();
            view! { <li><a href=href>{message}</a></li> }
        })
        .collect_view();
    Some(view! {
        <div class="error-summary" role="alert" tabindex="-1">
            <p class="error-title">{general.unwrap_or_else(|| "Confira o que está marcado abaixo.".to_string())}</p>
            <ul>{items}</ul>
        </div>
    })
}

struct FieldParts<H> {
    id: String,
    /// The hint and error ids for `aria-describedby` (error first: it matters most).
    described: Option<String>,
    invalid: bool,
    header: H,
}

/// Ids, `aria-describedby` and the label / hint / error block every field starts with.
fn field_parts(
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    errors: &FieldErrors,
) -> FieldParts<impl IntoView + use<>> {
    let id = format!("campo-{name}");
    let hint_id = format!("dica-{name}");
    let error_id = format!("erro-{name}");
    let error = errors.get(name).map(str::to_string);
    let described = match (hint.is_some(), error.is_some()) {
        (true, true) => Some(format!("{error_id} {hint_id}")),
        (true, false) => Some(hint_id.clone()),
        (false, true) => Some(error_id.clone()),
        (false, false) => None,
    };
    let invalid = error.is_some();
    let header = view! {
        <label for=id.clone()>{label}</label>
        {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
        {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
    };
    FieldParts {
        id,
        described,
        invalid,
        header,
    }
}

/// A labelled text input that keeps its value and shows its error right below the label.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    value: String,
    errors: FieldErrors,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(default = 200)] maxlength: u32,
) -> impl IntoView {
    let FieldParts {
        id,
        described,
        invalid,
        header,
    } = field_parts(name, label, hint, &errors);
    view! {
        <div class="field" class:has-error=invalid>
            {header}
            <input
                id=id
                name=name
                type=input_type
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=described
                aria-invalid=invalid.then_some("true")
                required=required
                maxlength=maxlength.to_string()
            />
        </div>
    }
}

/// A labelled password input (never pre-filled) with a "Mostrar" button once WASM is ready.
#[component]
pub fn PasswordField(
    name: &'static str,
    label: &'static str,
    errors: FieldErrors,
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let FieldParts {
        id,
        described,
        invalid,
        header,
    } = field_parts(name, label, hint, &errors);
    view! {
        <div class="field" class:has-error=invalid>
            {header}
            <PasswordInput
                id=id
                name=name.to_string()
                autocomplete=autocomplete.to_string()
                described_by=described.unwrap_or_default()
                invalid=invalid
            />
        </div>
    }
}

/// A labelled multi-line text box that keeps its value and shows its error.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    value: String,
    errors: FieldErrors,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 1000)] maxlength: u32,
) -> impl IntoView {
    let FieldParts {
        id,
        described,
        invalid,
        header,
    } = field_parts(name, label, hint, &errors);
    view! {
        <div class="field" class:has-error=invalid>
            {header}
            <textarea
                id=id
                name=name
                rows="4"
                aria-describedby=described
                aria-invalid=invalid.then_some("true")
                maxlength=maxlength.to_string()
            >
                {value}
            </textarea>
        </div>
    }
}

/// A `<select>` that keeps its choice and shows its error.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: String,
    errors: FieldErrors,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] empty_label: Option<&'static str>,
) -> impl IntoView {
    let FieldParts {
        id,
        described,
        invalid,
        header,
    } = field_parts(name, label, hint, &errors);
    let opts = options
        .into_iter()
        .map(|(value, text)| {
            let is_selected = value == selected;
            view! { <option value=value selected=is_selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:has-error=invalid>
            {header}
            <select id=id name=name aria-describedby=described aria-invalid=invalid.then_some("true")>
                {empty_label.map(|l| view! { <option value="">{l}</option> })}
                {opts}
            </select>
        </div>
    }
}
