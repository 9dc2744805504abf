// `==` on a struct needs `#[derive(PartialEq)]` (or an impl of it).
struct Point {
    x: u32,
}

async fn main() {
    let a = Point { x: 1 };
    let b = Point { x: 1 };
    println!("{}", a == b);
}
