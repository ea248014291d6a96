//! The uniffi bindings generator, built from the same uniffi version as the library so the
//! generated Kotlin and Swift always match the runtime. Used by `bindings/generate.sh`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
