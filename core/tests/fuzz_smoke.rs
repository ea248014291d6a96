//! The fuzz targets' entry points on stable: random inputs and mutations of real files
//! through every decoder of outside input. None may panic. (`fuzz/` runs the same entry
//! points under libFuzzer; the README records a long run.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use innermost::fuzzing;
use proptest::prelude::*;

const VECTOR: &[u8] = include_bytes!("vectors/backup-v1.innermost-backup");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn backup_bodies_never_panic(data in proptest::collection::vec(any::<u8>(), 0..4096)) {
        fuzzing::backup_body(&data);
    }

    #[test]
    fn mutated_real_backups_never_panic(
        flips in proptest::collection::vec((0usize..VECTOR.len(), any::<u8>()), 1..8),
        cut in 0usize..=VECTOR.len(),
    ) {
        let mut file = VECTOR.to_vec();
        for (at, byte) in flips {
            file[at] ^= byte | 1;
        }
        file.truncate(cut.max(1));
        fuzzing::backup_file(&file);
    }

    #[test]
    fn backup_payloads_never_panic(data in proptest::collection::vec(any::<u8>(), 0..4096)) {
        fuzzing::backup_payload(&data);
    }

    #[test]
    fn payloads_that_start_like_a_real_manifest_never_panic(
        tail in proptest::collection::vec(any::<u8>(), 0..200),
        id_len in 0u8..80,
        bytes in any::<u64>(),
    ) {
        let mut data = (43u32 + u32::from(id_len)).to_be_bytes().to_vec();
        data.extend_from_slice(&1u16.to_be_bytes()); // manifest version
        data.extend_from_slice(&0i64.to_be_bytes()); // created_at
        data.extend_from_slice(&5i64.to_be_bytes()); // schema_version
        data.extend_from_slice(&[0; 16]); // entries, drafts
        data.extend_from_slice(&(bytes % 4096).to_be_bytes()); // database_bytes
        data.push(id_len);
        data.extend_from_slice(&tail);
        fuzzing::backup_payload(&data);
    }

    #[test]
    fn backup_files_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        fuzzing::backup_file(&data);
    }

    #[test]
    fn sealed_values_never_panic(data in proptest::collection::vec(any::<u8>(), 0..256)) {
        fuzzing::sealed_value(&data);
    }

    #[test]
    fn typed_recovery_codes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..96)) {
        fuzzing::recovery_code(&data);
    }

    #[test]
    fn typed_cadences_never_panic(text in "\\PC{0,80}") {
        fuzzing::cadence(text.as_bytes());
    }

    #[test]
    fn cadences_built_from_the_grammar_never_panic(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("FREQ=DAILY"), Just("FREQ=WEEKLY"), Just("FREQ=MONTHLY"), Just("INTERVAL=3"),
                Just("BYDAY=-1FR,2MO,SU"), Just("BYMONTHDAY=-31,31,15"), Just("COUNT=7"),
                Just("UNTIL=20270101"), Just("UNTIL=20270101T120000Z"), Just("WKST=SU"),
                Just("BYDAY=5MO"), Just("BYMONTHDAY=1"), Just("INTERVAL=1000"),
            ],
            1..6,
        )
    ) {
        fuzzing::cadence(parts.join(";").as_bytes());
    }

    #[test]
    fn export_documents_never_panic(text in "\\PC{0,300}") {
        fuzzing::export_document(text.as_bytes());
        fuzzing::export_document(format!("{{\"format\":\"innermost-export\",\"version\":1,{text}").as_bytes());
    }
}
