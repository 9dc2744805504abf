// Two `&mut` to the same String alive at the same time.
async fn main() {
    let mut s = String::new();
    let a = &mut s;
    let b = &mut s;
    a.push_str("x");
    b.push_str("y");
}
