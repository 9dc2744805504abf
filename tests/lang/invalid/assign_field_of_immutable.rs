// Fields of an immutable binding are immutable too.
struct Point {
    x: i32,
    y: i32,
}

async fn main() {
    let p = Point { x: 1, y: 2 };
    p.x = 5;
    println!("{} {}", p.x, p.y);
}
