struct Point {
    x: u32,
    y: u32,
}

async fn main() {
    let p = Point { x: 1, y: 2 };
    println!("{}", p.z);
}
