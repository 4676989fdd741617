fn main() {
    // llama.cpp's shared libraries (the engine's embedded model) sit next to the binary: see
    // the top build.rs.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,$ORIGIN:$ORIGIN/../lib/hearth");
    }
    tauri_build::build()
}
