"""The core: the maths the lessons teach, with numpy and nothing else of the package.

activations (sigmoid, softmax), parameters (initialize_parameters), forward (lstm_cell_forward,
lstm_forward), backward (compute_loss, lstm_cell_backward, lstm_backward), optim (clip, Adam),
sampling (sample_top_k), gradcheck (the numerical gradient check), text (the vocabulary);
and what the LSTM is measured against: ngram (character n-gram counts, the baseline) and rnn
(the plain recurrent network, with its backpropagation through time).
Everything else of lstm_np is machinery around these modules; none of them imports it.
"""
