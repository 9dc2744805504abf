// The iterator borrows the vector for the whole loop.
async fn main() {
    let mut v = vec![1, 2];
    for x in v.iter() {
        v.push(*x);
    }
}
