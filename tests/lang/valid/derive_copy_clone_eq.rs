// `#[derive(Clone, Copy, PartialEq)]`: a `Copy` struct is copied, not moved, by a `let` and by a
// call; `.clone()` and `==` come from the derives.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: u32,
    y: u32,
}

#[derive(Clone)]
struct Name {
    text: String,
}

fn sum(p: Point) -> u32 {
    p.x + p.y
}

async fn main() {
    let a = Point { x: 1, y: 2 };
    let b = a;
    let s = sum(a);
    println!("{} {} {}", a.x, b.y, s);
    println!("{}", a == b);
    let n = Name { text: String::from("n") };
    let m = n.clone();
    println!("{} {}", n.text, m.text);
}
