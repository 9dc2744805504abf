async fn main() {
    let sum = 0;
    for x in vec![1, 2, 3].iter() {
        sum += *x;
    }
    println!("{}", sum);
}
