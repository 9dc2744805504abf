// A script's own enum: unit, tuple and struct variants built as `E::A`, `E::B(1)`,
// `E::C { .. }`, printed with `{:?}` as derived Debug does, compared with `==`, and taken apart
// by `match` (with `..` and a guard), `if let` and `while let`; methods in an `impl` match
// `self` with `Self::..`.
#[derive(Debug, Clone, PartialEq)]
enum Command {
    Get { key: String },
    Set { key: String, val: u32 },
    Incr(u32, u32),
    Quit,
}

impl Command {
    fn name(&self) -> &str {
        match self {
            Self::Get { .. } => "get",
            Self::Set { .. } => "set",
            Self::Incr(..) => "incr",
            Self::Quit => "quit",
        }
    }

    fn weight(&self) -> u32 {
        match self {
            Command::Set { val, .. } => *val,
            Command::Incr(a, b) if *a > 0 => *a + *b,
            _ => 0,
        }
    }
}

fn describe(c: Command) -> String {
    match c {
        Command::Get { key } => format!("GET {}", key),
        Command::Set { key, val: v } => format!("SET {}={}", key, v),
        Command::Incr(n, _) => format!("INCR {}", n),
        Command::Quit => "QUIT".to_string(),
    }
}

fn main() {
    let cmds = vec![
        Command::Get { key: "a".to_string() },
        Command::Set { key: "b".to_string(), val: 7 },
        Command::Incr(2, 3),
        Command::Quit,
    ];
    for c in cmds.iter() {
        println!("{:?} is {} weighing {}", c, c.name(), c.weight());
    }
    println!("{}", Command::Quit == Command::Quit);
    println!("{}", Command::Incr(1, 2) == Command::Incr(1, 3));
    let first = cmds[0].clone();
    if let Command::Get { key } = &first {
        println!("borrowed key {}", key);
    }
    println!("{}", describe(first));
    let mut queue = vec![Command::Incr(0, 1), Command::Quit, Command::Incr(5, 5)];
    while let Some(Command::Incr(a, b)) = queue.pop() {
        println!("popped {} {}", a, b);
    }
    println!("left {:?}", queue);
}
