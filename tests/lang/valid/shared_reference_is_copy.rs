// A `&String` is itself `Copy`.
async fn main() {
    let s = String::from("x");
    let r = &s;
    let r2 = r;
    println!("{} {}", r, r2);
}
