//! `site`: builds the static site the server serves (`target/site` by default).
//!
//! `cargo run -p site -- --wasm <esv.wasm> [--wasm-actions <esv-acoes.wasm>] [--out target/site]
//! [--wasm-opt <path>]`
//!
//! 1. wasm-bindgen (this crate pins the library to the exact `wasm-bindgen` version of the
//!    lockfile), optionally wasm-opt, for each bundle: `esv` (the small islands, loaded by
//!    /entrar) and `esv-acoes` (every island, for pages with islands that call server
//!    functions);
//! 2. content-hashed names: `pkg/esv.<h>.js`, `pkg/esv.<h>.wasm`, `pkg/esv.<h>.css`,
//!    `pkg/esv-acoes.<h>.js|wasm`, and `hash.txt` / `hash-acoes.txt` (the format Leptos reads
//!    to link them);
//! 3. the PWA files from `pwa/`, with the service worker's precache list and the offline
//!    page's stylesheet link filled in;
//! 4. a `.br` (quality 11) and `.gz` (level 9) beside every file, served as they are.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T> = std::result::Result<T, String>;

/// The PWA's files served as they are (not content-hashed), all precached by the worker.
const PWA_FILES: [&str; 6] = [
    "manifest.webmanifest",
    "pwa.js",
    "fila.js",
    "fila-lista.js",
    "ouvir.js",
    "avisos.js",
];

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("site: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    wasm: PathBuf,
    wasm_actions: Option<PathBuf>,
    out: PathBuf,
    wasm_opt: Option<PathBuf>,
    root: PathBuf,
}

fn parse_args() -> Result<Args> {
    let mut wasm = None;
    let mut wasm_actions = None;
    let mut out = PathBuf::from("target/site");
    let mut wasm_opt = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--wasm" => wasm = Some(PathBuf::from(value()?)),
            "--wasm-actions" => wasm_actions = Some(PathBuf::from(value()?)),
            "--out" => out = PathBuf::from(value()?),
            "--wasm-opt" => wasm_opt = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    // The workspace root: two levels above this crate.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Ok(Args {
        wasm: wasm.ok_or("--wasm <frontend.wasm> is required")?,
        wasm_actions,
        out,
        wasm_opt,
        root,
    })
}

fn run() -> Result<()> {
    let args = parse_args()?;
    let staging = args.out.with_extension("staging");
    let _ = fs::remove_dir_all(&staging);
    let pkg = staging.join("pkg");
    fs::create_dir_all(&pkg).map_err(|e| format!("{}: {e}", pkg.display()))?;

    let core = bundle("esv", &args.wasm, args.wasm_opt.as_deref(), &staging)?;
    if let Some(actions) = &args.wasm_actions {
        let actions = bundle("esv-acoes", actions, args.wasm_opt.as_deref(), &staging)?;
        write(
            &staging.join("hash-acoes.txt"),
            format!("js: {}\nwasm: {}\n", actions.js_hash, actions.wasm_hash).as_bytes(),
        )?;
        println!(
            "site: bundle esv-acoes (js {}, wasm {} bytes)",
            actions.js_len, actions.wasm_len
        );
    }
    let (js_hash, wasm_hash) = (core.js_hash.clone(), core.wasm_hash.clone());
    let (js_name, wasm_name) = (core.js_name.clone(), core.wasm_name.clone());
    let css = read(&args.root.join("style/main.css"))?;
    let css_hash = hash(&css);
    let css_name = format!("esv.{css_hash}.css");
    write(&staging.join("pkg").join(&css_name), &css)?;
    write(
        &staging.join("hash.txt"),
        format!("js: {js_hash}\nwasm: {wasm_hash}\ncss: {css_hash}\n").as_bytes(),
    )?;

    // PWA files.
    let pwa = args.root.join("pwa");
    copy_dir(&pwa.join("icons"), &staging.join("icons"))?;
    for file in PWA_FILES {
        fs::copy(pwa.join(file), staging.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    let offline = String::from_utf8_lossy(&read(&pwa.join("offline.html"))?)
        .replace("__CSS__", &format!("/pkg/{css_name}"));
    write(&staging.join("offline.html"), offline.as_bytes())?;
    let precache = [
        "/offline.html".to_string(),
        format!("/pkg/{css_name}"),
        format!("/pkg/{js_name}"),
        format!("/pkg/{wasm_name}"),
        "/icons/icon-192.png".to_string(),
        "/pwa.js".to_string(),
        "/fila.js".to_string(),
        "/fila-lista.js".to_string(),
        "/ouvir.js".to_string(),
        "/avisos.js".to_string(),
        "/manifest.webmanifest".to_string(),
    ];
    let list = precache
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ");
    // Every precached file that is not content-hashed counts, so a change to one of them
    // installs a new worker (and cache) instead of leaving phones on the old copy.
    let mut unhashed = offline.clone();
    for file in PWA_FILES.iter().chain(&["sw.js"]) {
        unhashed.push_str(&String::from_utf8_lossy(&read(&pwa.join(file))?));
    }
    let version = hash(format!("{js_hash}{wasm_hash}{css_hash}{unhashed}").as_bytes());
    let sw = String::from_utf8_lossy(&read(&pwa.join("sw.js"))?)
        .replace("__PRECACHE__", &format!("[{list}]"))
        .replace("__VERSION__", &version);
    write(&staging.join("sw.js"), sw.as_bytes())?;

    precompress_tree(&staging)?;
    let _ = fs::remove_dir_all(&args.out);
    fs::rename(&staging, &args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    println!(
        "site: built {} (js {}, wasm {} bytes)",
        args.out.display(),
        core.js_len,
        core.wasm_len
    );
    Ok(())
}

struct Bundle {
    js_hash: String,
    wasm_hash: String,
    js_name: String,
    wasm_name: String,
    js_len: usize,
    wasm_len: usize,
}

/// wasm-bindgen (+ wasm-opt) for one bundle, written to `pkg/` under content-hashed names.
fn bundle(name: &str, input: &Path, wasm_opt: Option<&Path>, staging: &Path) -> Result<Bundle> {
    let pkg = staging.join("pkg");
    let bindgen_dir = staging.join(format!("bindgen-{name}"));
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(input)
        .out_name(name)
        .web(true)
        .map_err(|e| e.to_string())?
        .typescript(false)
        .omit_default_module_path(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(&bindgen_dir)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;

    let mut wasm_path = bindgen_dir.join(format!("{name}_bg.wasm"));
    if let Some(wasm_opt) = wasm_opt {
        let optimised = bindgen_dir.join(format!("{name}_opt.wasm"));
        let status = Command::new(wasm_opt)
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(&wasm_path)
            .arg("-o")
            .arg(&optimised)
            .status()
            .map_err(|e| format!("{}: {e}", wasm_opt.display()))?;
        if !status.success() {
            return Err(format!("wasm-opt failed: {status}"));
        }
        wasm_path = optimised;
    }

    let js = read(&bindgen_dir.join(format!("{name}.js")))?;
    let wasm = read(&wasm_path)?;
    let (js_hash, wasm_hash) = (hash(&js), hash(&wasm));
    let js_name = format!("{name}.{js_hash}.js");
    let wasm_name = format!("{name}.{wasm_hash}.wasm");
    write(&pkg.join(&js_name), &js)?;
    write(&pkg.join(&wasm_name), &wasm)?;
    let snippets = bindgen_dir.join("snippets");
    if snippets.exists() {
        copy_dir(&snippets, &pkg.join("snippets"))?;
    }
    fs::remove_dir_all(&bindgen_dir).map_err(|e| e.to_string())?;
    Ok(Bundle {
        js_hash,
        wasm_hash,
        js_name,
        wasm_name,
        js_len: js.len(),
        wasm_len: wasm.len(),
    })
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// FNV-1a, 64 bits: only for cache-busting names, not for security.
fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

fn precompress_tree(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            precompress_tree(&path)?;
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.ends_with(".br")
            || name.ends_with(".gz")
            || name.starts_with("hash")
            || name.ends_with(".png")
        {
            continue;
        }
        let bytes = read(&path)?;
        let mut br = Vec::new();
        {
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &params)
                .map_err(|e| e.to_string())?;
        }
        write(&PathBuf::from(format!("{}.br", path.display())), &br)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(|e| e.to_string())?;
        write(
            &PathBuf::from(format!("{}.gz", path.display())),
            &gz.finish().map_err(|e| e.to_string())?,
        )?;
    }
    Ok(())
}
