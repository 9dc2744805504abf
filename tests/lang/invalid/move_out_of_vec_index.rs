// Indexing gives a place inside the vector; moving out of it would leave a hole.
async fn main() {
    let v = vec![String::from("a"), String::from("b")];
    let first = v[0];
    println!("{}", first);
}
