// A moved-from `mut` binding can be given a new value and used again.
async fn main() {
    let mut s = String::from("first");
    let t = s;
    s = String::from("second");
    println!("{} {}", s, t);
}
