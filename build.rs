// The web UI in ui/dist is embedded into the binary; rebuild when it changes.
fn main() {
    println!("cargo:rerun-if-changed=ui/dist");
    println!("cargo:rerun-if-changed=migrations");
    // llama.cpp (the embedded model, Cargo.toml) is shared libraries that its build script puts
    // next to every binary cargo builds (target/<profile>/ and deps/); an install ships them
    // beside the binary too. Look there first (RUNPATH: LD_LIBRARY_PATH, as `cargo test` sets
    // it, still comes first).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,$ORIGIN:$ORIGIN/../lib/hearth");
    }
}
