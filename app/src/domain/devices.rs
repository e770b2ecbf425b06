//! The devices that receive notices: which push endpoints the server will post to, and the
//! short label a person sees in "Meus dispositivos".

/// Whether the server may post to `endpoint`. Push services are public https hosts; an https
/// address by IP, `localhost` or a single-label name points inside a network and is refused
/// (a logged-in person must not make the server call internal addresses). Plain http is
/// accepted only for this machine's loopback and only when `allow_loopback_http` (development
/// and tests, where the server itself runs on http).
pub fn endpoint_allowed(endpoint: &str, allow_loopback_http: bool) -> bool {
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
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    }
    .to_ascii_lowercase();
    match scheme {
        "https" => {
            host.contains('.')
                && host.parse::<std::net::IpAddr>().is_err()
                && !host.ends_with(".localhost")
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        }
        "http" => allow_loopback_http && matches!(host.as_str(), "127.0.0.1" | "localhost" | "::1"),
        _ => false,
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
    fn public_push_services_are_allowed() {
        for e in [
            "https://fcm.googleapis.com/fcm/send/abc",
            "https://updates.push.services.mozilla.com/wpush/v2/x",
            "https://web.push.apple.com/QAB",
        ] {
            assert!(endpoint_allowed(e, false), "{e}");
        }
    }

    #[test]
    fn internal_addresses_are_refused() {
        for e in [
            "https://127.0.0.1/x",
            "https://10.0.0.5:8443/x",
            "https://[::1]/x",
            "https://localhost/x",
            "https://intranet/x",
            "https://a.localhost/x",
            "https://user@push.example.com/x",
            "http://push.example.com/x",
            "ftp://push.example.com/x",
            "push.example.com/x",
        ] {
            assert!(!endpoint_allowed(e, false), "{e}");
        }
    }

    #[test]
    fn loopback_http_only_when_the_server_itself_is_on_http() {
        assert!(endpoint_allowed("http://127.0.0.1:4000/push/d1", true));
        assert!(endpoint_allowed("http://[::1]:4000/push/d1", true));
        assert!(!endpoint_allowed("http://127.0.0.1:4000/push/d1", false));
        assert!(!endpoint_allowed("http://10.0.0.5:4000/push/d1", true));
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
