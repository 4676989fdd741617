// The web UI in ui/dist is embedded into the binary; rebuild when it changes.
fn main() {
    println!("cargo:rerun-if-changed=ui/dist");
    println!("cargo:rerun-if-changed=migrations");
}
