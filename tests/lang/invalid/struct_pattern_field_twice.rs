// A field named twice in one struct pattern.
struct Point {
    x: i32,
    y: i32,
}

fn main() {
    let p = Point { x: 1, y: 2 };
    let Point { x, x: other, y } = p;
    println!("{} {} {}", x, other, y);
}
