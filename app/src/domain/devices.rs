//! The devices that receive notices: which push endpoints the server will post to, and the
//! short label a person sees in "Meus dispositivos".

/// The Web Push services browsers use (issue 15): Chrome, Edge on Android, Samsung Internet and
/// Opera (Firebase Cloud Messaging), Firefox (Mozilla autopush), Safari (Apple), Edge on
/// Windows (Windows Push Notification Services). An entry is a host; `*.` admits every host
/// under a domain. `ESV_PUSH_SERVICOS` replaces the list.
pub const KNOWN_PUSH_SERVICES: [&str; 4] = [
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "web.push.apple.com",
    "*.notify.windows.com",
];

/// Where the server may post notices: only the known push services' hosts over https (so a
/// logged-in person cannot make the server call an address of their choosing, and no DNS
/// answer for a name of theirs can point it inside the network), plus this machine's loopback
/// over plain http when `allow_loopback_http` (development and tests, where the server itself
/// runs on http and a local push service stands in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushEndpoints {
    services: Vec<String>,
    allow_loopback_http: bool,
}

impl PushEndpoints {
    /// `services`: hosts or `*.domain` entries (see `KNOWN_PUSH_SERVICES`); an entry that is
    /// neither is an error naming it.
    pub fn new(services: &[String], allow_loopback_http: bool) -> Result<PushEndpoints, String> {
        let mut list = Vec::new();
        for entry in services {
            let entry = entry.trim().to_ascii_lowercase();
            let host = entry.strip_prefix("*.").unwrap_or(&entry);
            let valid = host.contains('.')
                && host.parse::<std::net::IpAddr>().is_err()
                && host.split('.').all(|l| {
                    !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                });
            if !valid {
                return Err(entry);
            }
            list.push(entry);
        }
        Ok(PushEndpoints {
            services: list,
            allow_loopback_http,
        })
    }

    /// The known services; loopback http as asked.
    pub fn known(allow_loopback_http: bool) -> PushEndpoints {
        PushEndpoints {
            services: KNOWN_PUSH_SERVICES.iter().map(|s| s.to_string()).collect(),
            allow_loopback_http,
        }
    }

    /// Whether the server may post to `endpoint`.
    pub fn allows(&self, endpoint: &str) -> bool {
        if endpoint.len() > 1000 {
            return false;
        }
        let Some((scheme, rest)) = endpoint.split_once("://") else {
            return false;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.is_empty() || authority.contains('@') {
            return false;
        }
        let (host, port) = match authority.strip_prefix('[') {
            Some(v6) => {
                let (host, after) = v6.split_once(']').unwrap_or((v6, ""));
                (host, after.strip_prefix(':'))
            }
            None => match authority.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            },
        };
        let host = host.to_ascii_lowercase();
        if port.is_some_and(|p| p.parse::<u16>().is_err()) {
            return false;
        }
        match scheme {
            // Push services listen on the default port.
            "https" => port.is_none_or(|p| p == "443") && self.is_service(&host),
            "http" => {
                self.allow_loopback_http
                    && matches!(host.as_str(), "127.0.0.1" | "localhost" | "::1")
            }
            _ => false,
        }
    }

    fn is_service(&self, host: &str) -> bool {
        self.services
            .iter()
            .any(|entry| match entry.strip_prefix("*.") {
                Some(domain) => host
                    .strip_suffix(domain)
                    .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
                None => host == entry,
            })
    }
}

/// "Android · Chrome": enough to tell one's devices apart; nothing more is kept of the
/// User-Agent.
pub fn label(user_agent: &str) -> String {
    let ua = user_agent;
    let system = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") {
        "iPhone"
    } else if ua.contains("iPad") {
        "iPad"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS") {
        "Mac"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        "Aparelho"
    };
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("SamsungBrowser") {
        "Samsung Internet"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "navegador"
    };
    format!("{system} · {browser}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_push_services_are_allowed() {
        let known = PushEndpoints::known(false);
        for e in [
            "https://fcm.googleapis.com/fcm/send/abc",
            "https://updates.push.services.mozilla.com/wpush/v2/x",
            "https://web.push.apple.com/QAB",
            "https://wns2-by3p.notify.windows.com/w/?token=AQE",
            "https://FCM.googleapis.com:443/fcm/send/abc",
        ] {
            assert!(known.allows(e), "{e}");
        }
    }

    #[test]
    fn any_other_address_is_refused() {
        let known = PushEndpoints::known(false);
        for e in [
            // Public names the person could point anywhere (DNS rebinding).
            "https://push.example.com/x",
            "https://fcm.googleapis.com.evil.example/x",
            "https://evilfcm.googleapis.com/x",
            "https://notify.windows.com/x",
            "https://xnotify.windows.com/x",
            "https://fcm.googleapis.com:8443/x",
            "https://fcm.googleapis.com:x/x",
            // Inside the network.
            "https://127.0.0.1/x",
            "https://10.0.0.5:8443/x",
            "https://[::1]/x",
            "https://localhost/x",
            "https://intranet/x",
            "https://user@fcm.googleapis.com/x",
            "http://fcm.googleapis.com/x",
            "ftp://fcm.googleapis.com/x",
            "fcm.googleapis.com/x",
        ] {
            assert!(!known.allows(e), "{e}");
        }
    }

    #[test]
    fn loopback_http_only_when_the_server_itself_is_on_http() {
        assert!(PushEndpoints::known(true).allows("http://127.0.0.1:4000/push/d1"));
        assert!(PushEndpoints::known(true).allows("http://[::1]:4000/push/d1"));
        assert!(!PushEndpoints::known(false).allows("http://127.0.0.1:4000/push/d1"));
        assert!(!PushEndpoints::known(true).allows("http://10.0.0.5:4000/push/d1"));
        assert!(!PushEndpoints::known(true).allows("https://127.0.0.1/push/d1"));
    }

    #[test]
    fn the_list_comes_from_configuration() {
        let own = PushEndpoints::new(&["push.exemplo.gov.br".into()], false).expect("valid");
        assert!(own.allows("https://push.exemplo.gov.br/x"));
        assert!(!own.allows("https://fcm.googleapis.com/x"));
        for bad in [
            "*",
            "*.com.",
            "10.0.0.1",
            "intranet",
            "a b.com",
            "https://x.com",
        ] {
            assert_eq!(
                PushEndpoints::new(&[bad.into()], false),
                Err(bad.to_string())
            );
        }
    }

    #[test]
    fn labels_name_the_system_and_browser() {
        let android = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36";
        assert_eq!(label(android), "Android · Chrome");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
        assert_eq!(label(iphone), "iPhone · Safari");
        assert_eq!(label(""), "Aparelho · navegador");
    }
}
