// Each iteration builds a new String and moves that one.
fn consume(s: String) {
    println!("{}", s);
}

async fn main() {
    for i in 0..3 {
        let s = format!("item {}", i);
        consume(s);
    }
}
