//! Runs the built program as a user would and checks what it prints.

use std::process::Command;

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_rust-app"))
        .args(args)
        .output()
        .expect("the rust-app binary runs");
    assert!(output.status.success(), "exit status {:?}", output.status);
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

#[test]
fn greets_the_world_without_arguments() {
    let out = run(&[]);
    assert!(out.starts_with("Hello, world! This binary was built for "), "{out}");
    assert!(out.ends_with(".\n"), "{out}");
}

#[test]
fn greets_the_name_given_as_first_argument() {
    let out = run(&["Ada"]);
    assert_eq!(out, format!("{}\n", rust_app::greeting("Ada", &rust_app::platform())));
}
