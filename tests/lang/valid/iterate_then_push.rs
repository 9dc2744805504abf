// The iterator's borrow ends with the loop.
async fn main() {
    let mut v = vec![1, 2, 3];
    let mut sum = 0;
    for x in v.iter() {
        sum += *x;
    }
    v.push(sum);
    println!("{}", v.len());
}
