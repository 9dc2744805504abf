// `take` changes the option in place: it needs `let mut`.
async fn main() {
    let slot = Some(1);
    let n = slot.take();
    println!("{:?}", n);
}
