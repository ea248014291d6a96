//! The desktop tour: Innermost's core doing what the phone app will do, on a real
//! encrypted vault on disk, narrated as it goes.
//!
//! ```text
//! cargo run -p innermost --example tour [-- --data-dir DIR] [--passphrase TEXT]
//! ```
//!
//! It creates a vault in the data directory (or reopens the one a previous run left),
//! writes a few journal entries, reads the timeline back, locks and unlocks, shows that a
//! wrong passphrase is refused, and finally searches every file in the data directory
//! for the text it wrote. It exits with status 1 if any plaintext is found.
//!
//! Default data directory: `target/tour` in the workspace. Delete it to start afresh.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use innermost::{Error, KdfParams, Passphrase, Vault};

const DEFAULT_PASSPHRASE: &str = "tour passphrase: not for real use";
/// An emotion word of the person's own, added on the first run (sealed like entries).
const OWN_WORD: &str = "braced for leaving";

struct Args {
    data_dir: PathBuf,
    passphrase: String,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        data_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/tour"),
        passphrase: DEFAULT_PASSPHRASE.to_owned(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--data-dir" => args.data_dir = it.next().ok_or("--data-dir needs a path")?.into(),
            "--passphrase" => args.passphrase = it.next().ok_or("--passphrase needs a value")?,
            "-h" | "--help" => {
                println!("usage: tour [--data-dir DIR] [--passphrase TEXT]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    match run() {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("tour failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Returns the number of plaintext hits found on disk.
fn run() -> Result<usize, Box<dyn std::error::Error>> {
    let args = parse_args()?;
    std::fs::create_dir_all(&args.data_dir)?;
    let data_dir = args.data_dir.canonicalize()?;
    let path = data_dir.join("journal.innermost");
    let passphrase = Passphrase::new(args.passphrase.clone(), "passphrase")?;

    println!("Innermost desktop tour");
    println!("======================");
    println!("data directory: {}\n", data_dir.display());

    // 1. The vault.
    let started = Instant::now();
    let vault = if path.exists() {
        let vault = Vault::open(&path)?;
        vault.unlock(&passphrase)?;
        println!(
            "1. Reopened the vault a previous run left and unlocked it ({} ms).",
            started.elapsed().as_millis()
        );
        vault
    } else {
        let vault = Vault::create(&path, &passphrase, KdfParams::default())?;
        println!(
            "1. Created a new vault (Argon2id 64 MiB, t=3, p=4 key slot; random 256-bit data key) in {} ms.",
            started.elapsed().as_millis()
        );
        vault
    };

    // 2. Journal entries. A token unique to this run makes the plaintext scan exact.
    let run_token = format!("{:x}", vault.now().as_millis());
    let texts = [
        format!("[{run_token}] Felt safe at dinner; noticed my shoulders drop when he laughed."),
        format!(
            "[{run_token}] Wanted to pull away when she asked about my family. Stayed, and said it was hard."
        ),
        format!(
            "[{run_token}] Thought: 'if I need him he will leave'. Evidence against: he stayed last winter."
        ),
    ];
    for text in &texts {
        vault.add_entry(text)?;
    }
    println!(
        "2. Wrote {} journal entries; each body sealed with AES-256-GCM, bound to its row.",
        texts.len()
    );

    // 3. The timeline.
    let page = vault.entries(50, None)?;
    println!(
        "3. Read the newest page of the timeline: {} entries on this page.",
        page.entries.len()
    );
    for entry in page.entries.iter().take(3) {
        let preview: String = entry.text.chars().take(60).collect();
        println!("     {}  {preview}…", entry.id);
    }

    // 3b. Words for what was felt, and a prompt for tomorrow.
    let today = chrono::DateTime::from_timestamp_millis(vault.now().as_millis())
        .map(|t| t.date_naive().format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "1970-01-01".to_owned());
    let prompt = innermost::journal::prompt_of_the_day(&today)?;
    if !vault
        .emotion_vocabulary()?
        .iter()
        .flat_map(|f| &f.words)
        .any(|w| w.custom)
    {
        vault.add_custom_emotion("fear", OWN_WORD)?;
    }
    let families = vault.emotion_vocabulary()?;
    let words: usize = families.iter().map(|f| f.words.len()).sum();
    let own: usize = families
        .iter()
        .flat_map(|f| &f.words)
        .filter(|w| w.custom)
        .count();
    println!(
        "   Vocabulary: {} emotion families, {words} words ({own} of the person's own, sealed); {} trigger tags.",
        families.len(),
        vault.trigger_vocabulary()?.len()
    );
    println!("   Prompt of the day ({today}): {}", prompt.text);

    // 4. Lock and unlock.
    vault.lock();
    let refused = matches!(vault.add_entry("written while locked"), Err(Error::Locked));
    println!(
        "4. Locked the vault: the data key is wiped; a write while locked is refused: {refused}."
    );
    let wrong = Passphrase::new("not the passphrase".into(), "passphrase")?;
    let wrong_refused = matches!(vault.unlock(&wrong), Err(Error::WrongPassphrase));
    println!("   A wrong passphrase is refused and changes nothing: {wrong_refused}.");
    let t = Instant::now();
    vault.unlock(&passphrase)?;
    println!(
        "   Unlocked again with the passphrase in {} ms.",
        t.elapsed().as_millis()
    );
    let again = vault.entries(3, None)?;
    println!(
        "   The newest entries read back intact: {}.",
        again.entries.iter().all(|e| texts.contains(&e.text))
    );

    // 5. Nothing readable on disk.
    vault.checkpoint()?;
    vault.lock();
    let files = files_in(&data_dir)?;
    let mut hits = 0;
    let needles: Vec<&str> = texts
        .iter()
        .map(String::as_str)
        .chain(
            texts
                .iter()
                .map(|t| &t[run_token.len() + 3..t.len().min(run_token.len() + 40)]),
        )
        .chain([args.passphrase.as_str(), OWN_WORD])
        .collect();
    for file in &files {
        let bytes = std::fs::read(file)?;
        for needle in &needles {
            hits += bytes
                .windows(needle.len())
                .filter(|w| *w == needle.as_bytes())
                .count();
        }
    }
    println!(
        "5. Searched {} file(s) in the data directory ({} bytes) for the text written, the own word and the passphrase: {hits} plaintext hits.",
        files.len(),
        files
            .iter()
            .map(|f| f.metadata().map(|m| m.len()).unwrap_or(0))
            .sum::<u64>()
    );
    for f in &files {
        println!(
            "     {}",
            f.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
    }
    vault.close()?;
    println!(
        "\nDone. The vault is closed; run the tour again to reopen it, or delete the directory to start afresh."
    );
    Ok(hits)
}

fn files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(files_in(&path)?);
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}
