// A braced struct pattern without a field and without `..`: rustc's E0027 at the pattern.
struct Point {
    x: u32,
    y: u32,
}

fn main() {
    let p = Point { x: 1, y: 2 };
    let Point { x } = p;
    println!("{}", x);
}
