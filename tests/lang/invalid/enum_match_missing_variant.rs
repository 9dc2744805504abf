// A `match` on a script enum that leaves a variant out is rustc's E0004 at the scrutinee.
enum Command {
    Get { key: String },
    Set { key: String, val: u32 },
    Quit,
}

fn run(c: Command) -> u32 {
    match c {
        Command::Get { .. } => 1,
        Command::Quit => 0,
    }
}

fn main() {
    println!("{}", run(Command::Quit));
}
