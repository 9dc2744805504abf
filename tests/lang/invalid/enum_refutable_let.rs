// A `let` whose pattern names one variant of several is rustc's E0005.
enum Shape {
    Dot,
    Circle(u32),
}

fn main() {
    let s = Shape::Circle(3);
    let Shape::Circle(r) = s;
    println!("{}", r);
    let _ = Shape::Dot;
}
