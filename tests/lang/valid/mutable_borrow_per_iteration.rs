// A new `&mut v` each iteration; the previous one is dead by then.
async fn main() {
    let mut v: Vec<i32> = Vec::new();
    for i in 0..3 {
        let r = &mut v;
        r.push(i);
    }
    println!("{}", v.len());
}
