// A field-less enum with explicit discriminants cast with `as`, `Copy` so it is used after being
// passed by value, and a generic enum `Slot<T>` with its own method; `Option<Slot<u8>>` prints
// with the enum inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Low = 1,
    Mid,
    High = 10,
}

#[derive(Debug)]
enum Slot<T> {
    Empty,
    Full(T),
}

impl<T: Copy> Slot<T> {
    fn get_or(&self, d: T) -> T {
        match self {
            Slot::Empty => d,
            Slot::Full(v) => *v,
        }
    }
}

fn bump(l: Level) -> Level {
    match l {
        Level::Low => Level::Mid,
        Level::Mid => Level::High,
        Level::High => Level::High,
    }
}

fn main() {
    let l = Level::Low;
    let m = bump(l);
    println!("{:?} {} -> {:?} {}", l, l as u8, m, m as i32);
    println!("{}", Level::High as u64);
    println!("{}", bump(m) == Level::High);
    let a: Slot<u8> = Slot::Empty;
    let b = Slot::Full(42u8);
    println!("{} {}", a.get_or(1), b.get_or(1));
    let c = Some(Slot::Full(3u8));
    println!("{:?} {:?}", c, a);
}
