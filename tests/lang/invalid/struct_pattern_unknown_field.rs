// A braced struct pattern naming a field the struct does not have: rustc's E0026 at the field.
struct Point {
    x: u32,
    y: u32,
}

fn main() {
    let p = Point { x: 1, y: 2 };
    let Point { x, z, .. } = p;
    println!("{}", x);
}
