// Moved on one path and re-initialised on that same path: usable after the join.
fn consume(s: String) {
    println!("consumed {}", s);
}

async fn main() {
    let mut s = String::from("a");
    let flag = true;
    if flag {
        consume(s);
        s = String::from("b");
    }
    println!("{}", s);
}
