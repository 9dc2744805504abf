// Two `&mut s`, one after the other: the first is dead when the second is taken.
async fn main() {
    let mut s = String::new();
    let a = &mut s;
    a.push_str("a");
    let b = &mut s;
    b.push_str("b");
    println!("{}", s);
}
