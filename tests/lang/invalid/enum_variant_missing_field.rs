// A struct variant built without one of its fields is rustc's E0063, which names the enum.
enum Command {
    Set { key: String, val: u32 },
}

fn main() {
    let c = Command::Set { key: "a".to_string() };
    match c {
        Command::Set { key, .. } => println!("{}", key),
    }
}
