//! `rust-app [NAME]`: greets NAME (or the world) and says which platform it was built for.

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    println!("{}", rust_app::greeting(&name, &rust_app::platform()));
}
