// `into_iter()` takes the strings out of the vector.
async fn main() {
    let words = vec![String::from("x"), String::from("yz")];
    let mut total = 0;
    for w in words.into_iter() {
        yield_now().await;
        total += w.len();
    }
    println!("{}", total);
}
